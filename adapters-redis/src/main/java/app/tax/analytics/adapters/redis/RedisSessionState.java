package app.tax.analytics.adapters.redis;

import app.tax.analytics.application.port.out.SessionState;
import app.tax.analytics.application.port.out.StateUnavailableException;
import app.tax.analytics.domain.session.SessionActivity;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Each visitor's current session, shared by every processor: one string per (source, visitor),
 * {@code <sessionId>|<first activity ms>|<last activity ms>}, expiring {@code keepFor} after it was saved.
 * Failures are thrown as {@link StateUnavailableException}: guessing "no session" would silently split
 * sessions, and the processor keeps the events until Redis answers again.
 */
final class RedisSessionState implements SessionState {
    private static final char SEPARATOR = '|';

    private final CommandsSource connection;
    private final Duration timeout;

    RedisSessionState(CommandsSource connection, Duration timeout) {
        this.connection = connection;
        this.timeout = timeout;
    }

    @Override
    public Optional<SessionActivity> current(String source, String visitorId) {
        String value;
        try {
            value = RedisCalls.await("reading a session", timeout,
                    () -> connection.commands(timeout).get(redisKey(source, visitorId)));
        } catch (RedisCommandFailedException e) {
            throw new StateUnavailableException(e.getMessage(), e);
        }
        return value == null ? Optional.empty() : Optional.of(parse(value));
    }

    @Override
    public void save(String source, String visitorId, SessionActivity activity, Duration keepFor) {
        String value = activity.sessionId() + SEPARATOR + activity.firstActivity().toEpochMilli()
                + SEPARATOR + activity.lastActivity().toEpochMilli();
        long keepMillis = Math.max(1, keepFor.toMillis());
        try {
            RedisCalls.await("saving a session", timeout,
                    () -> connection.commands(timeout).set(redisKey(source, visitorId), value, SetArgs.Builder.px(keepMillis)));
        } catch (RedisCommandFailedException e) {
            throw new StateUnavailableException(e.getMessage(), e);
        }
    }

    /** Parsed from the right: a session id may itself contain the separator. */
    static SessionActivity parse(String value) {
        int lastSeparator = value.lastIndexOf(SEPARATOR);
        int firstSeparator = lastSeparator <= 0 ? -1 : value.lastIndexOf(SEPARATOR, lastSeparator - 1);
        if (firstSeparator < 0) {
            throw new IllegalArgumentException("not a stored session: " + value);
        }
        try {
            return new SessionActivity(value.substring(0, firstSeparator),
                    Instant.ofEpochMilli(Long.parseLong(value.substring(firstSeparator + 1, lastSeparator))),
                    Instant.ofEpochMilli(Long.parseLong(value.substring(lastSeparator + 1))));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a stored session: " + value, e);
        }
    }

    /** {@code session:<length of source>:<source>:<visitor>}: the length keeps ("a:b","c") apart from ("a","b:c"). */
    static String redisKey(String source, String visitorId) {
        return "session:" + source.length() + ":" + source + ":" + visitorId;
    }
}
