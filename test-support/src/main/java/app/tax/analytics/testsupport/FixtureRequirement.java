package app.tax.analytics.testsupport;

import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a fixture does when its server or program cannot be had (docs/ARCHITECTURE.md, "Tests and fixtures"): the calling test is
 * skipped with the reason printed, unless {@code ANALYTICS_TEST_REQUIRE} names the fixture (as CI
 * does), in which case the test fails.
 */
public final class FixtureRequirement {
    public static final String REQUIRE_VARIABLE = "ANALYTICS_TEST_REQUIRE";

    private FixtureRequirement() {
    }

    /** Skips or fails; never returns normally. */
    public static <T> T unavailable(String fixture, String reason) {
        return unavailable(fixture, reason, System::getenv);
    }

    public static <T> T unavailable(String fixture, String reason, UnaryOperator<String> environment) {
        System.err.println("[" + fixture + " fixture] " + reason);
        if (isRequired(fixture, environment)) {
            return Assertions.fail(reason + " (" + REQUIRE_VARIABLE + " requires " + fixture + ")");
        }
        return Assumptions.abort(reason);
    }

    public static boolean isRequired(String fixture, UnaryOperator<String> environment) {
        String required = environment.apply(REQUIRE_VARIABLE);
        return required != null && required.toLowerCase(Locale.ROOT).contains(fixture);
    }
}
