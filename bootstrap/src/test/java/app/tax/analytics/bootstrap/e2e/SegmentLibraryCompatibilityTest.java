package app.tax.analytics.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.segment.analytics.Analytics;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segment's Java library (com.segment.analytics.java:analytics), unmodified and pointed at the
 * collector, delivers its events, and each is counted exactly once.
 */
class SegmentLibraryCompatibilityTest {
    @TempDir
    Path dataDir;

    @Test
    void eventsFromTheSegmentJavaLibraryAreCountedExactlyOnce() throws Exception {
        try (AllRoleFixture all = new AllRoleFixture(dataDir)) {
            Analytics analytics = Analytics.builder(AllRoleFixture.WRITE_KEY)
                    .endpoint("http://127.0.0.1:" + all.role.port("collector"))
                    .flushQueueSize(3)
                    .build();
            analytics.enqueue(IdentifyMessage.builder().userId("segment-user").traits(Map.of("plan", "pro")));
            analytics.enqueue(PageMessage.builder("Pricing").userId("segment-user")
                    .properties(Map.of("url", "https://tax.app/pricing", "path", "/pricing")));
            for (int i = 0; i < 5; i++) {
                analytics.enqueue(TrackMessage.builder("Return Filed").userId("segment-user").properties(Map.of("step", i)));
            }
            analytics.flush();
            analytics.shutdown();

            String token = all.login();
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            String range = "source=web&from=" + today.minusDays(1) + "&to=" + today.plusDays(2);
            long events = 0;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (events < 7 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
                events = all.dashboard.get("/api/stats/overview?" + range, token).json().get("events").asLong();
            }
            assertThat(events).isEqualTo(7);
            var overview = all.dashboard.get("/api/stats/overview?" + range, token).json();
            assertThat(overview.get("visitors").asLong()).isEqualTo(1);
            assertThat(overview.get("pageviews").asLong()).isEqualTo(1);
            var goals = all.dashboard.get("/api/stats/breakdown?" + range + "&dimension=event&metrics=events", token).json().get("rows");
            assertThat(goals).hasSize(1);
            assertThat(goals.get(0).get("value").asText()).isEqualTo("Return Filed");
            assertThat(goals.get(0).get("events").asLong()).isEqualTo(5);
        }
    }
}
