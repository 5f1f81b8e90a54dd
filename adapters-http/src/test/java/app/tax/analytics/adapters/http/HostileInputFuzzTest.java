package app.tax.analytics.adapters.http;

import app.tax.analytics.domain.event.CookielessVisitors;
import app.tax.analytics.domain.event.Envelope;
import app.tax.analytics.domain.event.EventParser;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.InvalidQueryException;
import app.tax.analytics.domain.stats.StatsQuery;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Fuzzing of what hostile clients control (issue 10): collector bodies through the body parser and the event
 * parser, dashboard query strings through the parameter, date and filter parsers, and dashboard bodies through
 * their records. Only the 4xx outcomes
 * ({@link HttpFailure} below 500, {@link InvalidQueryException}) may come out; anything else would be a 500.
 * {@code ./mvnw verify} replays the seeds under {@code src/test/resources/.../HostileInputFuzzTestInputs};
 * {@code JAZZER_FUZZ=1} fuzzes (see the README).
 */
class HostileInputFuzzTest {
    private static final EventParser PARSER = new EventParser(() -> "generated");
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @FuzzTest(maxDuration = "60s")
    void ingestionBodies(byte[] body) {
        IngestionBody parsed;
        try {
            parsed = body.length > 0 && (body[0] & 1) == 1 ? IngestionBody.single(body) : IngestionBody.batch(body);
        } catch (HttpFailure failure) {
            expectClientError(failure);
            return;
        }
        Envelope envelope = new Envelope("web", NOW, "203.0.113.9", parsed.batchContext(), CookielessVisitors.NONE);
        for (Object message : parsed.messages()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) message;
            PARSER.parse(item, null, envelope);
            PARSER.parse(item, EventType.TRACK, envelope);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void dashboardQueries(byte[] raw) {
        String query = new String(raw, StandardCharsets.UTF_8);
        try {
            QueryParameters parameters = QueryParameters.parse(query);
            StatsQuery parsed = StatsQuery.parse(parameters.get("source"), parameters.get("from"), parameters.get("to"),
                    parameters.get("tz"), parameters.get("filters"));
            parsed.previousPeriod();
            Dimension.parse(parameters.get("dimension"));
        } catch (InvalidQueryException expected) {
            // a 400 naming the parameter
        } catch (HttpFailure failure) {
            expectClientError(failure);
        }
    }

    /** Dashboard request bodies bound to each route's record: a 4xx naming the problem, never a 500. */
    @FuzzTest(maxDuration = "60s")
    void dashboardBodies(byte[] body) {
        for (Class<? extends Record> type : List.of(SessionRoutes.LoginBody.class, StatsRoutes.FunnelBody.class,
                AccountRoutes.NewAccountBody.class, ApiKeyRoutes.NewKeyBody.class, ShareRoutes.NewShareBody.class)) {
            try {
                JsonBody.bind(body, type);
            } catch (HttpFailure failure) {
                expectClientError(failure);
            }
        }
    }

    private static void expectClientError(HttpFailure failure) {
        if (failure.status() >= 500) {
            throw new AssertionError("a client's input led to " + failure.status() + ": " + failure.getMessage());
        }
    }
}
