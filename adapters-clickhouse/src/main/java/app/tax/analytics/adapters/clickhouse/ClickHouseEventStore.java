package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.event.Subject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link EventStore} on ClickHouse. A batch is one INSERT carrying the caller's token as
 * {@code insert_deduplication_token}: when the processor re-sends a batch whose confirmation it missed,
 * the server drops the repeat. A client's own retry of a message arrives in another batch; it is stored
 * and the readers count each {@code (source, message_id)} once (see V001). Within a batch the first
 * copy of a message wins, as in the DuckDB store.
 */
final class ClickHouseEventStore implements EventStore {
    /**
     * insert_deduplicate is on by default on a server, stated so the token is never silently ignored;
     * insert_distributed_sync makes an insert into the cluster layout's Distributed table return only once
     * the shards have the rows (ignored by a single server).
     */
    private static final Map<String, String> INSERT_SETTINGS = Map.of("insert_deduplicate", "1", "insert_distributed_sync", "1");
    /** Erasure must be done when it returns: wait for the rewrite on every replica. */
    private static final Map<String, String> ERASE_SETTINGS = Map.of("mutations_sync", "2");

    private final ClickHouseClient client;

    ClickHouseEventStore(ClickHouseClient client) {
        this.client = Objects.requireNonNull(client);
    }

    @Override
    public void write(List<EnrichedEvent> batch, String deduplicationToken) {
        if (Objects.requireNonNull(batch, "batch").isEmpty()) {
            return;
        }
        try {
            client.insert(EventColumns.INSERT, firstCopies(batch), EventColumns::bind, insertSettings(deduplicationToken));
        } catch (SQLException e) {
            throw new StoreUnavailableException("ClickHouse did not store a batch of " + batch.size() + " events: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> insertSettings(String deduplicationToken) {
        Map<String, String> settings = new LinkedHashMap<>(INSERT_SETTINGS);
        if (deduplicationToken != null && !deduplicationToken.isBlank()) {
            settings.put("insert_deduplication_token", deduplicationToken);
        }
        return settings;
    }

    private static List<EnrichedEvent> firstCopies(List<EnrichedEvent> batch) {
        Map<List<String>, EnrichedEvent> byKey = new LinkedHashMap<>();
        for (EnrichedEvent row : batch) {
            byKey.putIfAbsent(List.of(row.event().source(), row.event().messageId()), row);
        }
        return new ArrayList<>(byKey.values());
    }

    /**
     * Deletes with {@code ALTER TABLE ... DELETE} (a mutation that rewrites the affected parts, so the
     * data is physically gone when it returns; lightweight {@code DELETE FROM} would only mask rows until a
     * merge). Both exist on 23.8 and in chDB. The subject's sessions rows go too (they carry the visitor id).
     */
    /**
     * The TTL that {@code migrate} sets from {@code RETENTION_DAYS} does this continuously; this explicit
     * delete serves a retention enforced from outside (the {@code all} role's daily job).
     */
    @Override
    public void deleteOlderThan(Instant cutoff) {
        try {
            client.execute(new BoundSql().add("ALTER TABLE events DELETE WHERE timestamp < ").time(cutoff), ERASE_SETTINGS);
            client.execute(new BoundSql().add("ALTER TABLE sessions DELETE WHERE day < toDate(").time(cutoff).add(")"), ERASE_SETTINGS);
        } catch (SQLException e) {
            throw new StoreUnavailableException("ClickHouse did not apply retention: " + e.getMessage(), e);
        }
    }

    @Override
    public long erase(Subject subject) {
        try {
            BoundSql matched = new BoundSql().add("SELECT uniqExact(source, message_id), groupUniqArray(visitor_id) FROM events WHERE ");
            matching(matched, subject);
            Matched found = client.query(matched, rows -> {
                rows.next();
                Object[] visitors = (Object[]) rows.getArray(2).getArray();
                List<String> visitorIds = new ArrayList<>();
                for (Object visitor : visitors) {
                    visitorIds.add(String.valueOf(visitor));
                }
                return new Matched(rows.getLong(1), visitorIds);
            });
            if (found.events() == 0) {
                return 0;
            }
            BoundSql deleteEvents = new BoundSql().add("ALTER TABLE events DELETE WHERE ");
            matching(deleteEvents, subject);
            client.execute(deleteEvents, ERASE_SETTINGS);
            BoundSql deleteSessions = new BoundSql().add("ALTER TABLE sessions DELETE WHERE has(")
                    .textArray(found.visitorIds()).add(", visitor_id)");
            if (subject.source() != null) {
                deleteSessions.add(" AND source = ").text(subject.source());
            }
            client.execute(deleteSessions, ERASE_SETTINGS);
            return found.events();
        } catch (SQLException e) {
            throw new StoreUnavailableException("ClickHouse did not erase a subject's events: " + e.getMessage(), e);
        }
    }

    private record Matched(long events, List<String> visitorIds) {
    }

    /** The condition on events that selects the subject's. */
    private static void matching(BoundSql sql, Subject subject) {
        String user = subject.userId() == null ? null : sql.parameter("String", subject.userId());
        String anonymous = subject.anonymousId() == null ? null : sql.parameter("String", subject.anonymousId());
        sql.add(user == null ? "anonymous_id = " + anonymous
                : anonymous == null ? "user_id = " + user : "(user_id = " + user + " OR anonymous_id = " + anonymous + ")");
        if (subject.source() != null) {
            sql.add(" AND source = ").text(subject.source());
        }
    }

    @Override
    public boolean isReady() {
        return client.isReachable();
    }
}
