package app.tax.analytics.adapters.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.domain.enrich.DeviceInfo;
import app.tax.analytics.domain.enrich.DeviceType;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.enrich.GeoLocation;
import app.tax.analytics.domain.event.Campaign;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventContext;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.event.PageInfo;
import app.tax.analytics.domain.event.Subject;
import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.DimensionKind;
import app.tax.analytics.domain.stats.Filter;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.domain.traffic.Channel;
import app.tax.analytics.domain.traffic.TrafficSource;
import app.tax.analytics.domain.traffic.UrlParts;
import app.tax.analytics.querymodel.Dialect;
import app.tax.analytics.querymodel.Sql;
import app.tax.analytics.querymodel.SqlFunctions;
import app.tax.analytics.querymodel.SqlStatsReader;
import app.tax.analytics.querymodel.StatsSql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stats read from session parts are those read from the events themselves (the same dialect without
 * parts), for random events, ranges, zones, filters and dimensions: after writes in shuffled batches with
 * redeliveries (parts appended, then merged, then appended to again), after retention and an erasure, on a
 * file from before the parts (backfilled, to the same rows the writes made once merged) and on one from before
 * their only_part flag.
 */
class DuckDbSessionPartsTest {
    private static final String SOURCE = "web";
    /** Eight days from here cross New York's change to summer time (2026-03-08). */
    private static final Instant START = Instant.parse("2026-03-03T00:00:00Z");
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Kolkata"), ZoneId.of("Europe/Berlin"));
    private static final List<DimensionKind> BREAKDOWNS = List.of(DimensionKind.COUNTRY, DimensionKind.BROWSER,
            DimensionKind.CHANNEL, DimensionKind.REGION, DimensionKind.UTM_SOURCE, DimensionKind.ENTRY_PAGE,
            DimensionKind.EXIT_PAGE, DimensionKind.PAGE);
    private static final List<Filter> FILTERS = List.of(
            new Filter(Dimension.of(DimensionKind.COUNTRY), Filter.Operator.IS, List.of("US")),
            new Filter(Dimension.of(DimensionKind.COUNTRY), Filter.Operator.IS, List.of("")),
            new Filter(Dimension.of(DimensionKind.BROWSER), Filter.Operator.IS_NOT, List.of("Chrome")),
            new Filter(Dimension.of(DimensionKind.CHANNEL), Filter.Operator.IS, List.of("direct", "email")),
            new Filter(Dimension.of(DimensionKind.UTM_SOURCE), Filter.Operator.CONTAINS, List.of("NEWS")));

    /** Parts whose only_part is not whether they are their session's only one. */
    private static final String MISMARKED = "SELECT count(*) FROM session_parts AS p WHERE only_part <> ((SELECT count(*) FROM session_parts AS q"
            + " WHERE q.source = p.source AND q.session_id = p.session_id) = 1)";
    /** {@link #MISMARKED} among the sessions without rows appended since the last merge (whose marks wait for it). */
    private static final String MISMARKED_MERGED = MISMARKED + " AND NOT EXISTS (SELECT 1 FROM session_parts AS a"
            + " WHERE a.source = p.source AND a.session_id = p.session_id AND NOT a.compacted)";

    @TempDir
    Path dir;

    private final Random random = new Random(20261203);

    @Test
    void partsGiveWhatTheEventsGive() throws SQLException {
        List<EnrichedEvent> events = randomEvents();
        try (DuckDbDatabase database = DuckDbDatabase.open(dir)) {
            writeShuffled(database, events);
            assertSameStats(database, 15);
            ((DuckDbEventStore) database.events()).compactSessionParts();
            assertEquals(0, count(database, "SELECT count(*) FROM session_parts WHERE NOT compacted"));
            assertTrue(count(database, "SELECT count(*) FROM session_parts") * 2 < count(database, "SELECT count(*) FROM events"),
                    "about one part per session-hour");
            assertTrue(count(database, "SELECT count(*) FROM session_parts WHERE only_part") > 0, "most sessions are one part");
            assertEquals(0, count(database, MISMARKED), "only_part says whether the part is its session's only one");
            assertSameStats(database, 15);
            writeShuffled(database, randomEvents());
            assertTrue(count(database, "SELECT count(*) FROM session_parts AS p WHERE only_part AND EXISTS (SELECT 1 FROM session_parts AS q"
                    + " WHERE q.session_id = p.session_id AND NOT q.compacted)") > 0, "a session's only part merged, then appended to");
            assertSameStats(database, 10);

            assertEquals(0, count(database, MISMARKED_MERGED), "appending leaves the marks of merged sessions as they were");
            // in steps of whole hours, each its own transaction
            ((DuckDbEventStore) database.events()).deleteOlderThan(START.plus(Duration.ofHours(30)).plusSeconds(17 * 60), 25);
            assertEquals(0, count(database, "SELECT count(*) FROM events WHERE \"timestamp\" < TIMESTAMP '2026-03-04 06:17:00'"));
            assertEquals(0, count(database, MISMARKED_MERGED), "retention marks the sessions it cut again");
            EnrichedEvent signedIn = events.stream().filter(e -> e.event().userId() != null && !e.device().bot())
                    .max(Comparator.comparing(e -> e.event().timestamp())).orElseThrow();
            assertTrue(database.events().erase(new Subject(SOURCE, signedIn.event().userId(), null)) > 0);
            assertEquals(0, count(database, MISMARKED_MERGED), "an erasure marks the sessions it cut again");
            assertSameStats(database, 15);
            ((DuckDbEventStore) database.events()).compactSessionParts();
            assertEquals(0, count(database, MISMARKED));
        }
        List<List<Object>> written = partRows();
        reopenAfter("DROP TABLE session_parts", 10);
        assertEquals(written, partRows(), "the backfill makes the rows the writes made, once merged");
        reopenAfter("ALTER TABLE session_parts DROP COLUMN only_part", 5);
        assertEquals(written, partRows(), "parts from before only_part get it, marked");
    }

    /** Changes the closed file as an older version would have left it, then opens it and compares {@code queries} readings. */
    private void reopenAfter(String olderFile, int queries) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DuckDbDatabase.FILE_NAME));
             Statement statement = connection.createStatement()) {
            statement.execute(olderFile);
        }
        try (DuckDbDatabase database = DuckDbDatabase.open(dir)) {
            assertSameStats(database, queries);
        }
    }

    @Test
    void viewsAtTheSameInstantAreOrderedByMessageIdAsTheEventsAre() throws SQLException {
        Instant at = START.plus(Duration.ofHours(5));
        // one batch (one part): the later id first, as a client may send them
        List<EnrichedEvent> batch = List.of(view("tie-b", "/second", at), view("tie-a", "/first", at), view("tie-c", "/third", at));
        StatsQuery wholeHours = new StatsQuery(SOURCE, START, START.plus(Duration.ofDays(1)), ZoneId.of("UTC"), List.of());
        try (DuckDbDatabase database = DuckDbDatabase.open(dir)) {
            database.events().write(batch, "ties");
            StatsReader events = new SqlStatsReader("DuckDB", new WithoutParts(), database::query);
            for (DimensionKind kind : List.of(DimensionKind.ENTRY_PAGE, DimensionKind.EXIT_PAGE)) {
                List<String> expected = List.of(kind == DimensionKind.ENTRY_PAGE ? "/first" : "/third");
                assertEquals(expected, events.breakdown(wholeHours, Dimension.of(kind), 5).stream().map(row -> row.value()).toList());
                assertEquals(expected, database.stats().breakdown(wholeHours, Dimension.of(kind), 5).stream().map(row -> row.value()).toList());
            }
        }
    }

    private static EnrichedEvent view(String messageId, String path, Instant at) {
        return view(messageId, path, at, "anon-tie", "s-tie");
    }

    private static EnrichedEvent view(String messageId, String path, Instant at, String anonymousId, String sessionId) {
        Event event = new Event(SOURCE, EventType.PAGE, messageId, null, anonymousId, at, null, null, at, null, null, null, null,
                new EventContext(null, null, new PageInfo(null, path, null, null, null), null, null, null, null, null, null, Map.of()),
                Map.of(), Map.of());
        return new EnrichedEvent(event, anonymousId, sessionId, null, null, new UrlParts("example.com", path, null), null, null);
    }

    @Test
    void retentionAndErasureMarkThePartsLeftInTheSessionsTheyCut() throws SQLException {
        Instant tenFifty = START.plus(Duration.ofMinutes(10 * 60 + 50));
        Instant twelveTen = START.plus(Duration.ofMinutes(12 * 60 + 10));
        Instant elevenTwenty = START.plus(Duration.ofMinutes(11 * 60 + 20));
        try (DuckDbDatabase database = DuckDbDatabase.open(dir)) {
            // two parts each: a session in hours 10 and 12, one in hours 10 and 11, one shared by two devices in hour 12
            database.events().write(List.of(view("c-1", "/a", tenFifty, "anon-cut", "s-cut"), view("c-2", "/b", twelveTen, "anon-cut", "s-cut"),
                    view("r-1", "/a", tenFifty, "anon-rebuilt", "s-rebuilt"), view("r-2", "/b", elevenTwenty, "anon-rebuilt", "s-rebuilt"),
                    view("d-1", "/a", twelveTen, "anon-one", "s-shared"), view("d-2", "/b", twelveTen, "anon-two", "s-shared")), "cut");
            ((DuckDbEventStore) database.events()).compactSessionParts();
            assertEquals(0, count(database, "SELECT count(*) FROM session_parts WHERE only_part"), "every session is two parts");

            // hours 10 and 11 go; 11 is made again from its events after 11:00
            database.events().deleteOlderThan(START.plus(Duration.ofHours(11)));
            assertEquals(List.of(true), marks(database, "s-cut"), "the part left after the hours deleted");
            assertEquals(List.of(true), marks(database, "s-rebuilt"), "the part made again for the cutoff's hour");
            assertEquals(List.of(false, false), marks(database, "s-shared"));

            assertEquals(1, database.events().erase(new Subject(SOURCE, null, "anon-one")));
            assertEquals(List.of(true), marks(database, "s-shared"), "the other device's part");
            assertEquals(0, count(database, MISMARKED));
        }
    }

    private static List<Boolean> marks(DuckDbDatabase database, String sessionId) throws SQLException {
        return database.read(connection -> {
            List<Boolean> marks = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT only_part FROM session_parts WHERE session_id = '" + sessionId + "' ORDER BY hour")) {
                while (rows.next()) {
                    marks.add(rows.getBoolean(1));
                }
            }
            return marks;
        });
    }

    @Test
    void theDuckDbStatsReadWholeHoursFromTheParts() {
        StatsQuery query = new StatsQuery(SOURCE, START.plusSeconds(90), START.plus(Duration.ofDays(2)), ZoneId.of("UTC"), List.of());
        StatsSql statements = new StatsSql(DuckDbDialect.INSTANCE);
        assertTrue(statements.overview(query).render(DuckDbDialect.INSTANCE).contains("FROM session_parts"));
        assertTrue(statements.breakdown(query, Dimension.of(DimensionKind.ENTRY_PAGE), 5).render(DuckDbDialect.INSTANCE).contains("FROM session_parts"));
        assertFalse(statements.breakdown(query, Dimension.of(DimensionKind.PAGE), 5).render(DuckDbDialect.INSTANCE).contains("FROM session_parts"),
                "pages change within a session: read from the events");
        StatsQuery filteredByPage = new StatsQuery(SOURCE, query.from(), query.to(), query.zone(),
                List.of(new Filter(Dimension.of(DimensionKind.PAGE), Filter.Operator.IS, List.of("/"))));
        assertFalse(statements.overview(filteredByPage).render(DuckDbDialect.INSTANCE).contains("FROM session_parts"));
    }

    private void assertSameStats(DuckDbDatabase database, int queries) {
        StatsReader parts = database.stats();
        StatsReader events = new SqlStatsReader("DuckDB", new WithoutParts(), database::query);
        for (int i = 0; i < queries; i++) {
            StatsQuery query = randomQuery();
            String what = query.toString();
            assertEquals(events.overview(query), parts.overview(query), "overview " + what);
            for (Interval interval : List.of(Interval.HOUR, Interval.DAY)) {
                assertEquals(events.timeseries(query, interval), parts.timeseries(query, interval), interval + " " + what);
            }
            for (DimensionKind kind : BREAKDOWNS) {
                Dimension dimension = Dimension.of(kind);
                assertEquals(events.breakdownWithVisitors(query, dimension, 50), parts.breakdownWithVisitors(query, dimension, 50),
                        kind + " " + what);
            }
        }
    }

    private StatsQuery randomQuery() {
        Instant from = START.plusSeconds(random.nextInt(3 * 24 * 60) * 60L + (random.nextBoolean() ? 0 : random.nextInt(60)));
        Duration length = random.nextInt(4) == 0 ? Duration.ofMinutes(5 + random.nextInt(50)) : Duration.ofMinutes(60 + random.nextInt(6 * 24 * 60));
        if (random.nextBoolean()) {
            from = from.minusSeconds(from.getEpochSecond() % 3600);
            length = length.minusSeconds(length.getSeconds() % 3600).plusHours(1);
        }
        List<Filter> filters = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            filters.add(FILTERS.get(random.nextInt(FILTERS.size())));
        }
        return new StatsQuery(SOURCE, from, from.plus(length), ZONES.get(random.nextInt(ZONES.size())), filters);
    }

    /** The DuckDB dialect as if the store kept no parts: the stats are grouped from the events. */
    private static final class WithoutParts implements Dialect {
        private final Dialect duckDb = DuckDbDialect.INSTANCE;

        @Override
        public String placeholder(int index, Sql.Type type) {
            return duckDb.placeholder(index, type);
        }

        @Override
        public Sql baseEvents(String columns, String source, Instant from, Instant to) {
            return duckDb.baseEvents(columns, source, from, to);
        }

        @Override
        public SqlFunctions functions() {
            return duckDb.functions();
        }

        @Override
        public Sql bucketStart(String column, Interval interval, StatsQuery query) {
            return duckDb.bucketStart(column, interval, query);
        }

        @Override
        public LocalDateTime localTime(ResultSet rows, int column) throws SQLException {
            return duckDb.localTime(rows, column);
        }

        @Override
        public Sql propertyValue(String key) {
            return duckDb.propertyValue(key);
        }

        @Override
        public Sql containsIgnoringCase(Sql value, String needle) {
            return duckDb.containsIgnoringCase(value, needle);
        }

        @Override
        public Sql asText(Sql expression) {
            return duckDb.asText(expression);
        }

        @Override
        public Optional<String> sessionPartsHour() {
            return Optional.empty();
        }
    }

    /**
     * Visitors over four days, each in a few sessions of page views, screens, track events (some the
     * non-interaction {@code $engagement}) and identifies, minutes apart (so sessions cross hours), some at the
     * same instant (ties), some visitors bots, some signed in part of the way, some changing country or
     * channel within a session.
     */
    private List<EnrichedEvent> randomEvents() {
        List<EnrichedEvent> events = new ArrayList<>();
        String[] countries = {"US", "DE", "KE", null};
        String[] browsers = {"Chrome", "Firefox", null};
        Channel[] channels = {Channel.DIRECT, Channel.SEARCH, Channel.EMAIL};
        String[] paths = {"/", "/pricing", "/docs", "/file", null};
        for (int v = 0; v < 70; v++) {
            String anonymousId = "anon-" + v;
            String userId = v % 5 == 0 ? "user-" + (v / 10) : null;
            boolean bot = v % 11 == 0;
            DeviceInfo device = new DeviceInfo(browsers[v % browsers.length], "1", "Linux", null, bot ? DeviceType.BOT : DeviceType.DESKTOP, bot);
            for (int s = 0, sessions = 1 + random.nextInt(3); s < sessions; s++) {
                String sessionId = "s-" + v + "-" + s;
                Instant at = START.plusSeconds(random.nextInt(4 * 24 * 3600));
                String country = countries[random.nextInt(countries.length)];
                Channel channel = channels[random.nextInt(channels.length)];
                Campaign campaign = random.nextInt(3) == 0 ? new Campaign("newsletter", "email", "spring", null, null) : Campaign.EMPTY;
                boolean signedIn = false;
                for (int k = 0, n = 1 + random.nextInt(9); k < n; k++) {
                    if (random.nextInt(10) == 0) {
                        country = countries[random.nextInt(countries.length)];
                    }
                    if (random.nextInt(12) == 0) {
                        channel = channels[random.nextInt(channels.length)];
                    }
                    String messageId = "m-" + v + "-" + s + "-" + k;
                    int kind = random.nextInt(20);
                    EventType type = kind < 12 ? EventType.PAGE : kind < 15 ? EventType.SCREEN : kind < 19 ? EventType.TRACK : EventType.IDENTIFY;
                    if (type == EventType.IDENTIFY && userId != null) {
                        signedIn = true;
                    }
                    String eventName = type == EventType.TRACK ? (random.nextInt(4) == 0 ? StatsSql.NON_INTERACTION_EVENT : "Return Filed") : null;
                    String path = paths[random.nextInt(paths.length)];
                    String screen = type == EventType.SCREEN && random.nextInt(4) > 0 ? "Screen " + random.nextInt(3) : null;
                    Event event = new Event(SOURCE, type == EventType.IDENTIFY && userId == null ? EventType.PAGE : type, messageId,
                            signedIn || type == EventType.IDENTIFY && userId != null ? userId : null, anonymousId, at, null, null, at,
                            eventName, screen, null, null,
                            new EventContext(null, null, new PageInfo(null, path, null, null, null), campaign, null, null, null, null, null, Map.of()),
                            Map.of(), Map.of());
                    events.add(new EnrichedEvent(event, event.visitorId(), sessionId, new GeoLocation(country, country == null ? null : country + "-1", null),
                            device, new UrlParts("example.com", path, null), new TrafficSource(null, channel), campaign));
                    if (random.nextInt(6) > 0) {
                        at = at.plusSeconds(random.nextInt(40 * 60));
                    }
                }
            }
        }
        return events;
    }

    /** In shuffled batches of up to 40; a third of the batches again, with copies inside, as redeliveries do. */
    private void writeShuffled(DuckDbDatabase database, List<EnrichedEvent> events) {
        List<EnrichedEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, random);
        List<EnrichedEvent> earlier = new ArrayList<>();
        for (int i = 0; i < shuffled.size(); ) {
            int size = Math.min(1 + random.nextInt(40), shuffled.size() - i);
            List<EnrichedEvent> batch = new ArrayList<>(shuffled.subList(i, i + size));
            i += size;
            if (random.nextInt(3) == 0 && !earlier.isEmpty()) {
                batch.add(earlier.get(random.nextInt(earlier.size())));
                batch.add(batch.get(0));
            }
            database.events().write(batch, "token-" + i);
            earlier.addAll(batch);
        }
    }

    private static long count(DuckDbDatabase database, String sql) throws SQLException {
        return database.read(connection -> {
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private List<List<Object>> partRows() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DuckDbDatabase.FILE_NAME));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM session_parts ORDER BY ALL")) {
            List<List<Object>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    row.add(rows.getObject(c));
                }
                result.add(row);
            }
            return result;
        }
    }
}
