package app.tax.analytics.domain.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.stats.FunnelStep;
import app.tax.analytics.domain.stats.InvalidQueryException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoardItemsTest {
    private static final Instant AT = Instant.parse("2026-11-02T12:00:00Z");

    @Test
    void aReleaseMarkersIdDependsOnSourceAndVersionOnly() {
        assertThat(Annotation.release("web", "1.2", AT).id()).isEqualTo(Annotation.release("web", "1.2", AT.plusSeconds(9)).id())
                .isNotEqualTo(Annotation.release("app", "1.2", AT).id()).isNotEqualTo(Annotation.release("web", "1.3", AT).id());
        assertThat(Annotation.isVersion("x".repeat(101))).isFalse();
    }

    @Test
    void badAnnotationFieldsAreNamed() {
        assertThatThrownBy(() -> new Annotation("n", "web", AT, Annotation.Kind.NOTE, " ", "a@tax.app"))
                .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("text:");
        assertThatThrownBy(() -> new Annotation("n", "not a source", AT, Annotation.Kind.NOTE, "x", "a@tax.app"))
                .hasMessageStartingWith("source:");
        assertThatThrownBy(() -> new Annotation("n", "web", null, Annotation.Kind.NOTE, "x", "a@tax.app")).hasMessageStartingWith("at:");
    }

    @Test
    void aFunnelsStepsSurviveTheirStoredCodes() {
        FunnelDefinition funnel = new FunnelDefinition(List.of(FunnelStep.page("/a:b"), FunnelStep.event("Paid: pro")), Duration.ofMinutes(45));
        SavedView view = new SavedView("v", "web", SavedView.Kind.FUNNEL, " Checkout ", "", funnel, "a@tax.app", AT);
        assertThat(view.name()).isEqualTo("Checkout");
        assertThat(view.stepCodes()).containsExactly("page:/a:b", "event:Paid: pro");
        assertThat(SavedView.funnelOf(view.stepCodes(), view.windowMinutes())).isEqualTo(funnel);
    }

    @Test
    void aSegmentNeedsValidFilters() {
        assertThatThrownBy(() -> new SavedView("v", "web", SavedView.Kind.SEGMENT, "x", "", null, "a@tax.app", AT))
                .hasMessageStartingWith("filters:");
        assertThatThrownBy(() -> new SavedView("v", "web", SavedView.Kind.SEGMENT, "x", "colour==red", null, "a@tax.app", AT))
                .hasMessageStartingWith("filters:");
    }
}
