package app.tax.analytics.adapters.embedded;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * The benchmarks' stored events: {@code storedRows} web events over the 90 days before {@code newest}, five per
 * session (four pages and one "Return Filed" track event, 30 s apart), three sessions per visitor spread over
 * the range, 200 paths, 20 countries, four browsers; message ids {@code q-<i>}, so they never meet the ids
 * the benchmarks write.
 */
final class SyntheticEvents {
    private static final Duration SPAN = Duration.ofDays(90);
    private static final int EVENTS_PER_SESSION = 5;
    private static final int SESSIONS_PER_VISITOR = 3;
    private static final long FILL_CHUNK = 1_000_000;

    private SyntheticEvents() {
    }

    /**
     * INSERT ... SELECT over range(), a million rows per statement (one transaction of ten million does not fit
     * the default memory limit): the engine generates the rows, so filling ten million takes about a minute
     * on 2 cores (through the Java appender, row by row, about twenty).
     */
    static void fill(DuckDbDatabase database, long storedRows, Instant newest) throws SQLException {
        long sessions = storedRows / EVENTS_PER_SESSION;
        long spanSeconds = SPAN.toSeconds();
        String sql = """
                INSERT INTO events (source, message_id, type, event_name, anonymous_id, visitor_id, session_id, "timestamp",
                                    received_at, url, hostname, path, referrer_domain, channel, country, browser, os, device,
                                    is_bot, properties, traits, context)
                SELECT 'web', 'q-' || i,
                       CASE WHEN i %% 5 = 4 THEN 'track' ELSE 'page' END,
                       CASE WHEN i %% 5 = 4 THEN 'Return Filed' END,
                       'a-' || (s %% %1$d), 'v-' || (s %% %1$d), 's-' || s, t, t,
                       'https://tax.app/p/' || p, 'tax.app', '/p/' || p,
                       CASE WHEN s %% 3 = 0 THEN 'google.com' END,
                       CASE WHEN s %% 3 = 0 THEN 'organic_search' ELSE 'direct' END,
                       ['KE','US','DE','FR','GB','IN','BR','NG','ZA','CA','AU','JP','MX','ES','IT','NL','SE','PL','EG','GH'][1 + (s %% 20)],
                       ['Chrome','Safari','Firefox','Edge'][1 + (s %% 4)], ['Windows','iOS','Android','macOS'][1 + (s %% 4)],
                       CASE WHEN s %% 4 IN (1, 2) THEN 'mobile' ELSE 'desktop' END,
                       false, '{"plan":"pro"}', '{}', '{}'
                FROM (SELECT i, i // 5 AS s, (hash(i) %% 200)::BIGINT AS p,
                             TIMESTAMP '%2$s' - to_seconds(((i // 5) * %3$d) // %4$d) + to_seconds((i %% 5) * 30) AS t
                      FROM range(%5$d, %6$d) AS r(i))
                """;
        for (long first = 0; first < storedRows; first += FILL_CHUNK) {
            String chunk = sql.formatted(Math.max(1, sessions / SESSIONS_PER_VISITOR), newest.toString().replace('T', ' ').replace("Z", ""),
                    spanSeconds, Math.max(1, sessions), first, Math.min(storedRows, first + FILL_CHUNK));
            database.write(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(chunk);
                    statement.execute("CHECKPOINT");
                }
                return null;
            });
        }
        // written around the store, so its session parts are made as a file from before them gets them
        database.write(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DELETE FROM " + SessionPartsTable.NAME);
                statement.execute(SessionPartsTable.backfill());
                statement.execute(SessionPartsTable.MARK_ONLY_PARTS);
                statement.execute("CHECKPOINT");
            }
            return null;
        });
    }
}
