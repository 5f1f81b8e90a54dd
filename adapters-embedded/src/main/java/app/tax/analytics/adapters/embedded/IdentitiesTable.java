package app.tax.analytics.adapters.embedded;

import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.event.IdentityLink;
import app.tax.analytics.querymodel.StatsSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The identity map of docs/STATS.md ("Identity"): one row per link an identify or alias event makes. The
 * primary key {@code (source, message_id)} stores a redelivered event's link once, as {@code events} does its
 * row; the readers take each id's first link, so the table is never updated in place.
 */
final class IdentitiesTable {
    static final String NAME = StatsSql.IDENTITIES;

    static final String CREATE_TABLE = """
            CREATE TABLE IF NOT EXISTS identities (
              source VARCHAR NOT NULL,
              linked_id VARCHAR NOT NULL,
              user_id VARCHAR NOT NULL,
              linked_at TIMESTAMP NOT NULL,
              message_id VARCHAR NOT NULL,
              PRIMARY KEY (source, message_id)
            )""";
    static final String EXISTS = "SELECT 1 FROM information_schema.tables WHERE table_schema = 'main' AND table_name = '" + NAME + "'";
    /** The links of the events already stored, by the rule of {@link IdentityLink#of} (blank ids are stored as NULL). */
    static final String BACKFILL = "INSERT INTO " + NAME + " (source, linked_id, user_id, linked_at, message_id)"
            + " SELECT source, CASE type WHEN 'identify' THEN anonymous_id ELSE previous_id END AS linked, user_id, \"timestamp\", message_id"
            + " FROM " + EventsTable.NAME + " WHERE type IN ('identify', 'alias') AND user_id IS NOT NULL"
            + " AND CASE type WHEN 'identify' THEN anonymous_id ELSE previous_id END IS NOT NULL"
            + " AND CASE type WHEN 'identify' THEN anonymous_id ELSE previous_id END <> user_id ON CONFLICT DO NOTHING";
    private static final String INSERT = "INSERT INTO " + NAME
            + " (source, linked_id, user_id, linked_at, message_id) VALUES (?, ?, ?, make_timestamp(?), ?) ON CONFLICT DO NOTHING";

    private IdentitiesTable() {
    }

    /** The links the batch's identify and alias events make (few: most events make none). */
    static List<IdentityLink> linksOf(Collection<EnrichedEvent> rows) {
        return rows.stream().map(row -> IdentityLink.of(row.event())).flatMap(Optional::stream).toList();
    }

    /** Inserts the links on the caller's connection (and transaction); links already stored are left as they are. */
    static void insert(Connection connection, List<IdentityLink> links) throws SQLException {
        if (links.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            for (IdentityLink link : links) {
                statement.setString(1, link.source());
                statement.setString(2, link.linkedId());
                statement.setString(3, link.userId());
                statement.setLong(4, DuckDbDialect.micros(link.linkedAt()));
                statement.setString(5, link.messageId());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * The condition on {@code events} that selects a subject's events: its userId, its anonymousId, and the
     * ids linked to its userId in the same source (anonymous ids it signed in from, ids it was aliased from).
     */
    static Sql subjectEvents(String userId, String anonymousId, String source) {
        Sql sql = new Sql().add("(");
        String or = "";
        if (userId != null) {
            String linked = "(SELECT source, linked_id FROM " + NAME + " WHERE user_id = ?)";
            sql.add("user_id = ? OR (source, anonymous_id) IN " + linked + " OR (source, user_id) IN " + linked,
                    userId, userId, userId);
            or = " OR ";
        }
        if (anonymousId != null) {
            sql.add(or + "anonymous_id = ?", anonymousId);
        }
        sql.add(")");
        if (source != null) {
            sql.add(" AND source = ?", source);
        }
        return sql;
    }

    /** The condition on this table that selects a subject's links: every link naming one of its ids. */
    static Sql subjectLinks(String userId, String anonymousId, String source) {
        Sql sql = new Sql().add("(");
        String or = "";
        for (String id : new String[] {userId, anonymousId}) {
            if (id != null) {
                sql.add(or + "user_id = ? OR linked_id = ?", id, id);
                or = " OR ";
            }
        }
        sql.add(")");
        if (source != null) {
            sql.add(" AND source = ?", source);
        }
        return sql;
    }
}
