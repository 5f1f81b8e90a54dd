package app.tax.analytics.domain.stats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** How many visitors reached each step of a {@link FunnelDefinition}. */
public record FunnelResult(Duration window, List<StepResult> steps) {

    /**
     * @param number             1-based position
     * @param visitors           visitors who reached this step
     * @param conversionRate     visitors / visitors of step 1 (0 when step 1 has none)
     * @param stepConversionRate visitors / visitors of the previous step (1 for step 1 with visitors)
     * @param dropOff            visitors of the previous step who did not reach this one (0 for step 1)
     */
    public record StepResult(int number, FunnelStep step, long visitors, double conversionRate, double stepConversionRate,
                             long dropOff) {
        public StepResult {
            Objects.requireNonNull(step, "step");
            if (number < 1 || visitors < 0 || dropOff < 0) {
                throw new IllegalArgumentException("step numbers start at 1; counts are not negative");
            }
            if (conversionRate < 0 || conversionRate > 1 || stepConversionRate < 0 || stepConversionRate > 1) {
                throw new IllegalArgumentException("conversion rates are between 0 and 1");
            }
        }
    }

    public FunnelResult {
        Objects.requireNonNull(window, "window");
        steps = List.copyOf(steps);
    }

    /**
     * The result from the visitors per step a store counted.
     *
     * @throws IllegalArgumentException when the counts do not match the steps or grow from one step to the next
     */
    public static FunnelResult of(FunnelDefinition funnel, List<Long> visitorsPerStep) {
        if (visitorsPerStep.size() != funnel.steps().size()) {
            throw new IllegalArgumentException(visitorsPerStep.size() + " counts for " + funnel.steps().size() + " steps");
        }
        List<StepResult> results = new ArrayList<>();
        long first = visitorsPerStep.get(0);
        long previous = first;
        for (int i = 0; i < visitorsPerStep.size(); i++) {
            long visitors = visitorsPerStep.get(i);
            if (visitors > previous) {
                throw new IllegalArgumentException("step " + (i + 1) + " has more visitors than the step before");
            }
            results.add(new StepResult(i + 1, funnel.steps().get(i), visitors, ratio(visitors, first), ratio(visitors, previous),
                    previous - visitors));
            previous = visitors;
        }
        return new FunnelResult(funnel.window(), results);
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
