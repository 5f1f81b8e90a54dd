package app.tax.analytics.domain.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAnonymizationTest {

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(nullValues = "NULL", value = {
            "TRUNCATE, 203.0.113.77,                 203.0.113.0",
            "TRUNCATE, ' 198.51.100.255 ',            198.51.100.0",
            "TRUNCATE, 10.0.0.1,                     10.0.0.0",
            "TRUNCATE, 0.0.0.0,                      0.0.0.0",
            "TRUNCATE, 01.02.03.04,                  1.2.3.0",
            "TRUNCATE, 2001:db8:abcd:1234:5678:9abc:def0:1, 2001:db8:abcd:0:0:0:0:0",
            "TRUNCATE, 2001:DB8:ABCD::1,              2001:db8:abcd:0:0:0:0:0",
            "TRUNCATE, ::1,                          0:0:0:0:0:0:0:0",
            "TRUNCATE, ::ffff:203.0.113.77,          203.0.113.0",
            "OFF,      203.0.113.77,                 203.0.113.77",
            "OFF,      2001:db8::1,                  2001:db8:0:0:0:0:0:1",
            "OFF,      ::ffff:203.0.113.77,          203.0.113.77",
            "DROP,     203.0.113.77,                 NULL",
            "DROP,     2001:db8::1,                  NULL"})
    void keepsWhatIsConfigured(IpAnonymization mode, String ip, String expected) {
        assertThat(mode.apply(ip)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(IpAnonymization.class)
    void nothingOrGarbageGivesNothing(IpAnonymization mode) {
        for (String garbage : new String[] {null, "", "  ", "unknown", "999.1.1.1", "256.0.0.1", "1.2.3", "1.2.3.4.5",
                "1.2.3.4:8080", "::ffff:999.1.1.1", "2001:db8::1::2", "fe80::1%eth0", "١٢٣.١.١.١", "1.2.3.-4"}) {
            assertThat(mode.apply(garbage)).as("%s of %s", mode, garbage).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "999.999.999.999", "1.1.1.1.in-addr.arpa", "abc:def"})
    void hostNamesAndNonLiteralsAreNeverResolved(String notALiteral) {
        // "localhost" would resolve to 127.0.0.1, and "999.999.999.999" used to reach the resolver.
        assertThat(IpAnonymization.literal(notALiteral)).isNull();
        assertThat(IpAnonymization.OFF.apply(notALiteral)).isNull();
    }

    @Test
    void literalsAreReadWithoutTheResolver() {
        assertThat(IpAnonymization.literal("192.0.2.1")).isInstanceOf(Inet4Address.class)
                .satisfies(a -> assertThat(a.getHostAddress()).isEqualTo("192.0.2.1"));
        assertThat(IpAnonymization.literal("2001:db8::1")).isInstanceOf(Inet6Address.class);
        assertThat(IpAnonymization.literal(null)).isNull();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {"off,OFF", "false,OFF", "none,OFF", "0,OFF", "truncate,TRUNCATE",
            "' TRUE ',TRUNCATE", "on,TRUNCATE", "1,TRUNCATE", "Drop,DROP"})
    void settingsAreRead(String setting, IpAnonymization expected) {
        assertThat(IpAnonymization.parse(setting)).contains(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "anonymize", "yes-please"})
    void unknownSettingsAreNotGuessed(String setting) {
        assertThat(IpAnonymization.parse(setting)).isEmpty();
    }
}
