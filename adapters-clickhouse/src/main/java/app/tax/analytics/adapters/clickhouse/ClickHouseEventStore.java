package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.event.IdentityLink;
import app.tax.analytics.domain.event.Subject;
import app.tax.analytics.querymodel.StatsSql;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link EventStore} on ClickHouse. A batch is one INSERT carrying the caller's token as
 * {@code insert_deduplication_token}: when the processor re-sends a batch whose confirmation it missed,
 * the server drops the repeat. A client's own retry of a message arrives in another batch; it is stored
 * and the readers count each {@code (source, message_id)} once (see V001). Within a batch the first
 * copy of a message wins, as in the DuckDB store. The batch's identify and alias events add their links to
 * {@code identities} (V007) right after.
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
    /** What a mutation of the sharded events (or their sessions) names: the table, or each shard's local table on the cluster. */
    private final String mutatedEvents;
    private final String mutatedSessions;

    /**
     * @param cluster the cluster of the replicated layout (sql/cluster/), or null on one server: there {@code events}
     *                and {@code sessions} are Distributed tables, which take no mutation, so erase and retention change
     *                {@code <name>_local ON CLUSTER}; the identity map is one replicated table on every node and is
     *                changed as it is
     */
    ClickHouseEventStore(ClickHouseClient client, String cluster) {
        this.client = Objects.requireNonNull(client);
        this.mutatedEvents = mutated("events", cluster);
        this.mutatedSessions = mutated("sessions", cluster);
    }

    static String mutated(String table, String cluster) {
        return cluster == null ? table : table + "_local ON CLUSTER " + cluster;
    }

    @Override
    public void write(List<EnrichedEvent> batch, String deduplicationToken) {
        if (Objects.requireNonNull(batch, "batch").isEmpty()) {
            return;
        }
        try {
            List<EnrichedEvent> rows = firstCopies(batch);
            client.insert(EventColumns.INSERT, rows, EventColumns::bind, insertSettings(deduplicationToken));
            // After the events: if this fails, the processor writes the whole batch again with the same token,
            // which the events table drops and this insert completes (a repeated link changes no answer).
            List<IdentityLink> links = rows.stream().map(row -> IdentityLink.of(row.event())).flatMap(Optional::stream).toList();
            if (!links.isEmpty()) {
                client.insert(INSERT_LINK, links, ClickHouseEventStore::bindLink, insertSettings(deduplicationToken));
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("ClickHouse did not store a batch of " + batch.size() + " events: " + e.getMessage(), e);
        }
    }

    private static final String INSERT_LINK = "INSERT INTO " + StatsSql.IDENTITIES
            + " (source, linked_id, user_id, linked_at, message_id) VALUES (?, ?, ?, ?, ?)";

    private static void bindLink(PreparedStatement statement, IdentityLink link) throws SQLException {
        statement.setString(1, link.source());
        statement.setString(2, link.linkedId());
        statement.setString(3, link.userId());
        statement.setString(4, BoundSql.timeText(link.linkedAt()));
        statement.setString(5, link.messageId());
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
     * Deletes, as {@link #erase} does, with {@code ALTER TABLE ... DELETE} (a mutation that rewrites the affected
     * parts, so the data is physically gone when it returns; lightweight {@code DELETE FROM} would only mask rows
     * until a merge). Both exist on 23.8 and in chDB. The TTL that {@code migrate} sets from {@code RETENTION_DAYS} does this continuously; this explicit
     * delete serves a retention enforced from outside (the {@code all} role's daily job).
     */
    @Override
    public void deleteOlderThan(Instant cutoff) {
        try {
            client.execute(new BoundSql().add("ALTER TABLE " + mutatedEvents + " DELETE WHERE timestamp < ").time(cutoff), ERASE_SETTINGS);
            client.execute(new BoundSql().add("ALTER TABLE " + mutatedSessions + " DELETE WHERE day < toDate(").time(cutoff).add(")"), ERASE_SETTINGS);
            client.execute(new BoundSql().add("ALTER TABLE " + StatsSql.IDENTITIES + " DELETE WHERE linked_at < ").time(cutoff), ERASE_SETTINGS);
        } catch (SQLException e) {
            throw new StoreUnavailableException("ClickHouse did not apply retention: " + e.getMessage(), e);
        }
    }

    /**
     * The subject's events, also those of the ids linked to its userId (the anonymous events before a sign-in
     * belong to the person; looked up first, since a mutation's subquery is not deterministic across
     * replicas), their sessions rows, and last every link naming one of its ids: an erasure that failed
     * half-way finds the same events when repeated.
     */
    @Override
    public long erase(Subject subject) {
        try {
            List<LinkedId> linked = subject.userId() == null ? List.of() : linkedTo(subject);
            BoundSql matched = new BoundSql().add("SELECT uniqExact(source, message_id), groupUniqArray(visitor_id) FROM events WHERE ");
            matching(matched, subject, linked);
            Matched found = client.query(matched, rows -> {
                rows.next();
                Object[] visitors = (Object[]) rows.getArray(2).getArray();
                List<String> visitorIds = new ArrayList<>();
                for (Object visitor : visitors) {
                    visitorIds.add(String.valueOf(visitor));
                }
                return new Matched(rows.getLong(1), visitorIds);
            });
            if (found.events() > 0) {
                BoundSql deleteEvents = new BoundSql().add("ALTER TABLE " + mutatedEvents + " DELETE WHERE ");
                matching(deleteEvents, subject, linked);
                client.execute(deleteEvents, ERASE_SETTINGS);
                BoundSql deleteSessions = new BoundSql().add("ALTER TABLE " + mutatedSessions + " DELETE WHERE has(")
                        .textArray(found.visitorIds()).add(", visitor_id)");
                if (subject.source() != null) {
                    deleteSessions.add(" AND source = ").text(subject.source());
                }
                client.execute(deleteSessions, ERASE_SETTINGS);
            }
            eraseLinks(subject);
            return found.events();
        } catch (SQLException e) {
            throw new StoreUnavailableException("ClickHouse did not erase a subject's events: " + e.getMessage(), e);
        }
    }

    private record Matched(long events, List<String> visitorIds) {
    }

    /** An id linked to the subject's userId in a source. */
    private record LinkedId(String source, String id) {
    }

    private List<LinkedId> linkedTo(Subject subject) throws SQLException {
        BoundSql sql = new BoundSql().add("SELECT DISTINCT source, linked_id FROM " + StatsSql.IDENTITIES + " WHERE user_id = ")
                .text(subject.userId());
        if (subject.source() != null) {
            sql.add(" AND source = ").text(subject.source());
        }
        return client.query(sql, rows -> {
            List<LinkedId> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(new LinkedId(rows.getString(1), rows.getString(2)));
            }
            return ids;
        });
    }

    private void eraseLinks(Subject subject) throws SQLException {
        BoundSql sql = new BoundSql().add("ALTER TABLE " + StatsSql.IDENTITIES + " DELETE WHERE (");
        String or = "";
        for (String id : new String[] {subject.userId(), subject.anonymousId()}) {
            if (id != null) {
                String placeholder = sql.parameter("String", id);
                sql.add(or + "user_id = " + placeholder + " OR linked_id = " + placeholder);
                or = " OR ";
            }
        }
        sql.add(")");
        if (subject.source() != null) {
            sql.add(" AND source = ").text(subject.source());
        }
        client.execute(sql, ERASE_SETTINGS);
    }

    /** The condition on events that selects the subject's: either id, or (in its source) an id linked to its userId. */
    private static void matching(BoundSql sql, Subject subject, List<LinkedId> linked) {
        String user = subject.userId() == null ? null : sql.parameter("String", subject.userId());
        String anonymous = subject.anonymousId() == null ? null : sql.parameter("String", subject.anonymousId());
        sql.add("(" + (user == null ? "anonymous_id = " + anonymous
                : anonymous == null ? "user_id = " + user : "user_id = " + user + " OR anonymous_id = " + anonymous));
        for (LinkedId id : linked) {
            String source = sql.parameter("String", id.source());
            String linkedId = sql.parameter("String", id.id());
            sql.add(" OR (source = " + source + " AND (anonymous_id = " + linkedId + " OR user_id = " + linkedId + "))");
        }
        sql.add(")");
        if (subject.source() != null) {
            sql.add(" AND source = ").text(subject.source());
        }
    }

    @Override
    public boolean isReady() {
        return client.isReachable();
    }
}
