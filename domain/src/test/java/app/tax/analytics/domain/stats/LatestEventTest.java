package app.tax.analytics.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LatestEventTest {

    @Test
    void theLatestEventsNameDependsOnItsType() {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");

        assertThat(LatestEvent.of(now, "track", "Signed Up", null, "/pricing", "KE", "mobile").name()).isEqualTo("Signed Up");
        assertThat(LatestEvent.of(now, "page", null, "Pricing", "/pricing", "KE", "mobile").name()).isEqualTo("/pricing");
        assertThat(LatestEvent.of(now, "page", null, "Pricing", null, "KE", "mobile").name()).isEqualTo("Pricing");
        assertThat(LatestEvent.of(now, "screen", null, "Home", null, null, null).name()).isEqualTo("Home");
        assertThat(LatestEvent.of(now, "identify", null, null, null, null, null).name()).isNull();
    }
}
