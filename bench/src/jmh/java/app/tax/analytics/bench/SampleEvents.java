package app.tax.analytics.bench;

import app.tax.analytics.adapters.geoip.CloseableGeoLocator;
import app.tax.analytics.adapters.geoip.GeoIp;
import app.tax.analytics.adapters.useragent.UserAgents;
import app.tax.analytics.application.port.out.GeoLocator;
import app.tax.analytics.application.port.out.SessionState;
import app.tax.analytics.application.port.out.UserAgentParser;
import app.tax.analytics.adapters.embedded.EmbeddedAdapters;
import app.tax.analytics.application.service.EventEnricher;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.enrich.IpAnonymization;
import app.tax.analytics.domain.event.Envelope;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventParser;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.event.ParseResult;
import app.tax.analytics.domain.session.SessionRule;
import app.tax.analytics.testsupport.geoip.GeoIp2CityDatabase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The events every benchmark works on: what analytics.js sends for a page view with a click, about 700 bytes
 * of JSON, with a desktop browser's user agent, a referrer, UTM parameters and an address the sample GeoIP
 * database locates. Varied by an index (message id, visitor, path, time) so that nothing is one cached value.
 */
public final class SampleEvents {
    public static final String SOURCE = "web";
    public static final String WRITE_KEY = "bench-write-key";
    public static final String CLIENT_IP = GeoIp2CityDatabase.NAIROBI_IPV4;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] USER_AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15"};

    private SampleEvents() {
    }

    /** One track message as a JSON object (a {@code /v1/track} body). */
    public static String trackJson(long index, Instant timestamp) {
        return """
                {"type":"track","event":"Signup Clicked","messageId":"bench-%d","anonymousId":"visitor-%d",\
                "timestamp":"%s","properties":{"plan":"pro","step":%d,"price":12.5},\
                "context":{"ip":"%s","userAgent":"%s","locale":"en-KE","timezone":"Africa/Nairobi",\
                "library":{"name":"analytics.js","version":"5.2.0"},\
                "page":{"url":"https://tax.example.com/pricing/%d?utm_source=newsletter&utm_medium=email&utm_campaign=spring",\
                "path":"/pricing/%d","referrer":"https://www.google.com/search?q=tax","title":"Pricing"}}}"""
                .formatted(index, index % 5000, timestamp, index % 7, CLIENT_IP, USER_AGENTS[(int) (index % USER_AGENTS.length)],
                        index % 200, index % 200);
    }

    public static byte[] trackBody(long index) {
        return trackJson(index, Instant.now()).getBytes(StandardCharsets.UTF_8);
    }

    /** A {@code /v1/batch} body of {@code size} track messages. */
    public static byte[] batchBody(long firstIndex, int size) {
        StringBuilder json = new StringBuilder(size * 800).append("{\"batch\":[");
        Instant now = Instant.now();
        for (int i = 0; i < size; i++) {
            json.append(i == 0 ? "" : ",").append(trackJson(firstIndex + i, now));
        }
        return json.append("],\"sentAt\":\"").append(now).append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> message(long index, Instant timestamp) {
        try {
            return MAPPER.readValue(trackJson(index, timestamp), Map.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Envelope envelope(Instant receivedAt) {
        return new Envelope(SOURCE, receivedAt, CLIENT_IP, Map.of());
    }

    /** Validated events, {@code count} of them from {@code firstIndex}, their times spread backwards over {@code span}. */
    public static List<Event> events(long firstIndex, int count, Instant newest, Duration span) {
        EventParser parser = new EventParser();
        List<Event> events = new ArrayList<>(count);
        long step = Math.max(1, span.toMillis() / Math.max(1, count));
        for (int i = 0; i < count; i++) {
            Instant timestamp = newest.minusMillis(step * i);
            ParseResult result = parser.parse(message(firstIndex + i, timestamp), EventType.TRACK, envelope(newest));
            if (!(result instanceof ParseResult.Parsed parsed)) {
                throw new IllegalStateException("the sample event does not validate: " + result);
            }
            events.add(parsed.event());
        }
        return events;
    }

    /** A file with the networks of {@link GeoIp2CityDatabase#sample()}. */
    public static Path sampleGeoIpFile(Path directory) {
        try {
            return GeoIp2CityDatabase.sample().writeTo(Files.createDirectories(directory).resolve("sample-city.mmdb"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The processor's enrichment with the real parsers: Yauaa (with its cache), GeoIP on the sample database, sessions in memory. */
    public static final class Enrichment implements AutoCloseable {
        public final CloseableGeoLocator geo;
        public final UserAgentParser userAgents = UserAgents.yauaa();
        public final SessionState sessions = EmbeddedAdapters.inMemorySessionState(Clock.systemUTC());
        public final EventEnricher enricher;

        public Enrichment(Path workDirectory) {
            try {
                geo = GeoIp.open(sampleGeoIpFile(workDirectory));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            enricher = new EventEnricher(geo, userAgents, sessions, new SessionRule(SessionRule.DEFAULT_TIMEOUT), IpAnonymization.TRUNCATE);
        }

        public GeoLocator geoLocator() {
            return geo;
        }

        public List<EnrichedEvent> rows(List<Event> events) {
            return enricher.enrich(events);
        }

        /**
         * Stored rows without paying for enrichment: new events ({@link #events}) carrying the enrichment of one
         * enriched template, as a bulk load of the same table would, each with its own visitor's session (5,000
         * visitors in turn, so a batch holds about one event per session, as under load).
         */
        public List<EnrichedEvent> rowsFast(long firstIndex, int count, Instant newest, Duration span) {
            EnrichedEvent template = rows(events(0, 1, newest, Duration.ZERO)).get(0);
            List<EnrichedEvent> rows = new ArrayList<>(count);
            for (Event event : events(firstIndex, count, newest, span)) {
                String visitor = event.visitorId();
                rows.add(new EnrichedEvent(event, visitor, SessionRule.sessionId(event.source(), visitor, newest), template.geo(),
                        template.device(), template.page(), template.traffic(), template.campaign()));
            }
            return rows;
        }

        @Override
        public void close() {
            geo.close();
        }
    }

    /** Reads every value of every row, as a client of the engine would: the count of non-null values. */
    public static long nonNullValues(ResultSet rows) throws SQLException {
        long values = 0;
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
            for (int c = 1; c <= columns; c++) {
                values += rows.getObject(c) == null ? 0 : 1;
            }
        }
        return values;
    }

    /** A new temporary directory, deleted with {@link #deleteRecursively} in the benchmark's tear-down. */
    public static Path tempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
