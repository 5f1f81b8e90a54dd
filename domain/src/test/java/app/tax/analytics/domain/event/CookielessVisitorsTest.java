package app.tax.analytics.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CookielessVisitorsTest {
    private static final String SALT = "salt-of-2026-03-10";
    private static final String IP = "203.0.113.9";
    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0";

    @Test
    void theIdIsPrefixedHexOf128BitsAndStableForTheSameInputs() {
        String id = CookielessVisitors.hash(SALT, "web", IP, UA);

        assertThat(id).matches("cl-[0-9a-f]{32}").isEqualTo(CookielessVisitors.hash(SALT, "web", IP, UA));
        assertThat(id).doesNotContain(IP).doesNotContain("203");
    }

    static Stream<Arguments> oneInputChanged() {
        return Stream.of(
                Arguments.of("another day's salt", "salt-of-2026-03-11", "web", IP, UA),
                Arguments.of("another source", SALT, "app", IP, UA),
                Arguments.of("another IP", SALT, "web", "203.0.113.10", UA),
                Arguments.of("another user agent", SALT, "web", IP, UA + " Edg/131"),
                // the parts are length-prefixed: moving a character from one part to the next is another input
                Arguments.of("a character moved between parts", SALT + "w", "eb", IP, UA));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneInputChanged")
    void anyChangedInputIsAnotherVisitor(String change, String salt, String source, String ip, String userAgent) {
        assertThat(CookielessVisitors.hash(salt, source, ip, userAgent)).isNotEqualTo(CookielessVisitors.hash(SALT, "web", IP, UA));
    }

    static Stream<Arguments> missingInputs() {
        return Stream.of(
                Arguments.of(null, UA), Arguments.of("", UA), Arguments.of(IP, null), Arguments.of(IP, " "));
    }

    @ParameterizedTest
    @MethodSource("missingInputs")
    void withoutIpOrUserAgentNoIdIsDerivedAndTheSaltIsNotAskedFor(String ip, String userAgent) {
        AtomicInteger saltRequests = new AtomicInteger();
        CookielessVisitors visitors = CookielessVisitors.salted(() -> {
            saltRequests.incrementAndGet();
            return SALT;
        });

        assertThat(visitors.visitorId("web", ip, userAgent)).isNull();
        assertThat(saltRequests).hasValue(0);
    }

    @Test
    void saltedIdsUseTheGivenSaltAndNoneDerivesNothing() {
        assertThat(CookielessVisitors.salted(() -> SALT).visitorId("web", IP, UA)).isEqualTo(CookielessVisitors.hash(SALT, "web", IP, UA));
        assertThat(CookielessVisitors.NONE.visitorId("web", IP, UA)).isNull();
    }
}
