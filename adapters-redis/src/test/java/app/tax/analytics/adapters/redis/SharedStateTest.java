package app.tax.analytics.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.port.out.RateLimiter;
import app.tax.analytics.application.port.out.RateLimiter.Verdict;
import app.tax.analytics.application.port.out.SessionState;
import app.tax.analytics.domain.session.SessionActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The rate limiter and the session state, shared by two connections as by two collectors or two processors. */
class SharedStateTest {
    @RegisterExtension
    final TwoRedisConnections redis = new TwoRedisConnections();
    private final String unique = UUID.randomUUID().toString();

    @Test
    void twoCollectorsEnforceOneLimit() {
        Duration window = Duration.ofSeconds(10);
        RateLimiter onFirst = redis.first().rateLimiter(3, window);
        RateLimiter onSecond = redis.second().rateLimiter(3, window);
        String key = "web|198.51.100.7|" + unique;

        assertThat(onFirst.acquire(key)).isInstanceOf(Verdict.Allowed.class);
        assertThat(onSecond.acquire(key)).isInstanceOf(Verdict.Allowed.class);
        assertThat(onFirst.acquire(key)).isInstanceOf(Verdict.Allowed.class);
        Verdict fourth = onSecond.acquire(key);

        assertThat(fourth).isInstanceOfSatisfying(Verdict.Limited.class, limited ->
                assertThat(limited.retryAfter()).isPositive().isLessThanOrEqualTo(window));
        assertThat(onFirst.acquire(key)).isInstanceOf(Verdict.Limited.class);
        assertThat(onFirst.acquire("another key " + unique)).as("keys are counted apart").isInstanceOf(Verdict.Allowed.class);
    }

    @Test
    void theLimitStartsAfreshWhenTheWindowEnds() throws InterruptedException {
        RateLimiter oncePer300Ms = redis.first().rateLimiter(1, Duration.ofMillis(300));
        String key = "window|" + unique;

        assertThat(oncePer300Ms.acquire(key)).isInstanceOf(Verdict.Allowed.class);
        Verdict limited = oncePer300Ms.acquire(key);
        assertThat(limited).isInstanceOf(Verdict.Limited.class);
        Thread.sleep(((Verdict.Limited) limited).retryAfter().toMillis() + 30);

        assertThat(oncePer300Ms.acquire(key)).isInstanceOf(Verdict.Allowed.class);
    }

    @Test
    void theLimitersKeysHideTheClientsAddress() {
        RedisRateLimiter limiter = new RedisRateLimiter(null, 1, Duration.ofSeconds(1), Duration.ofSeconds(1));

        assertThat(limiter.redisKey("web|198.51.100.7")).startsWith("ratelimit:1000:").doesNotContain("198.51");
    }

    @Test
    void twoProcessorsSeeTheSameSessionUntilItExpires() throws InterruptedException {
        SessionState onFirst = redis.first().sessionState();
        SessionState onSecond = redis.second().sessionState();
        String source = "shop:eu";
        String visitor = "visitor:" + unique;
        SessionActivity activity = new SessionActivity("session|with|separators", Instant.parse("2024-05-06T07:00:00.123Z"),
                Instant.parse("2024-05-06T07:20:00.456Z"));

        onFirst.save(source, visitor, activity, Duration.ofSeconds(10));
        Optional<SessionActivity> seenBySecond = onSecond.current(source, visitor);

        assertThat(seenBySecond).contains(activity);
        assertThat(onSecond.current("shop", "eu:" + visitor)).as("(source, visitor) pairs never collide").isEmpty();

        onSecond.save(source, visitor, activity.including(Instant.parse("2024-05-06T07:30:00Z")), Duration.ofMillis(200));
        assertThat(onFirst.current(source, visitor)).map(SessionActivity::lastActivity)
                .contains(Instant.parse("2024-05-06T07:30:00Z"));
        Thread.sleep(300);

        assertThat(onFirst.current(source, visitor)).isEmpty();
    }
}
