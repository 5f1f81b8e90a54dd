package app.tax.analytics.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunnelTest {
    private static final List<FunnelStep> TWO_STEPS = List.of(FunnelStep.page("/pricing"), FunnelStep.event("Signed Up"));

    @Test
    void aFunnelHasTwoToEightStepsAndAWindowOfAMinuteToAMonth() {
        assertThatThrownBy(() -> new FunnelDefinition(TWO_STEPS.subList(0, 1), Duration.ofHours(1)))
                .isInstanceOf(InvalidQueryException.class).hasMessage("steps: a funnel has 2-8 steps");
        assertThatThrownBy(() -> new FunnelDefinition(Collections.nCopies(9, FunnelStep.page("/")), Duration.ofHours(1)))
                .isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> new FunnelDefinition(TWO_STEPS, Duration.ofSeconds(59)))
                .isInstanceOf(InvalidQueryException.class).hasMessage("windowMinutes: must be 1-44640");
        assertThatThrownBy(() -> new FunnelDefinition(TWO_STEPS, Duration.ofDays(31).plusMinutes(1)))
                .isInstanceOf(InvalidQueryException.class);
        assertThat(new FunnelDefinition(Collections.nCopies(8, FunnelStep.page("/")), Duration.ofDays(31)).steps()).hasSize(8);
    }

    @Test
    void aStepNeedsAValue() {
        assertThatThrownBy(() -> FunnelStep.page(" ")).hasMessage("a funnel step needs a page path");
        assertThatThrownBy(() -> FunnelStep.event(null)).hasMessage("a funnel step needs an event name");
        assertThatThrownBy(() -> FunnelStep.event("x".repeat(1001))).hasMessageContaining("at most 1000");
    }

    @Test
    void ratesAreOfTheFirstAndOfThePreviousStep() {
        FunnelDefinition funnel = new FunnelDefinition(List.of(FunnelStep.page("/"), FunnelStep.page("/pricing"),
                FunnelStep.event("Signed Up")), Duration.ofMinutes(30));

        FunnelResult result = FunnelResult.of(funnel, List.of(10L, 4L, 1L));

        assertThat(result.steps()).containsExactly(
                new FunnelResult.StepResult(1, FunnelStep.page("/"), 10, 1.0, 1.0, 0),
                new FunnelResult.StepResult(2, FunnelStep.page("/pricing"), 4, 0.4, 0.4, 6),
                new FunnelResult.StepResult(3, FunnelStep.event("Signed Up"), 1, 0.1, 0.25, 3));
    }

    @Test
    void nobodyAtTheFirstStepGivesZeroRates() {
        FunnelResult result = FunnelResult.of(new FunnelDefinition(TWO_STEPS, Duration.ofHours(1)), List.of(0L, 0L));

        assertThat(result.steps()).extracting(FunnelResult.StepResult::conversionRate).containsExactly(0.0, 0.0);
        assertThat(result.steps()).extracting(FunnelResult.StepResult::stepConversionRate).containsExactly(0.0, 0.0);
    }

    @Test
    void countsMustFitTheSteps() {
        FunnelDefinition funnel = new FunnelDefinition(TWO_STEPS, Duration.ofHours(1));

        assertThatThrownBy(() -> FunnelResult.of(funnel, List.of(3L))).hasMessage("1 counts for 2 steps");
        assertThatThrownBy(() -> FunnelResult.of(funnel, List.of(3L, 4L))).hasMessage("step 2 has more visitors than the step before");
    }
}
