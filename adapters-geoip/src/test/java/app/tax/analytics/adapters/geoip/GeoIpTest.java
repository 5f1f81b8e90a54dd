package app.tax.analytics.adapters.geoip;

import static app.tax.analytics.testsupport.geoip.GeoIp2CityDatabase.BARCELONA_IPV4;
import static app.tax.analytics.testsupport.geoip.GeoIp2CityDatabase.KENYA_COUNTRY_ONLY_IPV4;
import static app.tax.analytics.testsupport.geoip.GeoIp2CityDatabase.LONDON_IPV4;
import static app.tax.analytics.testsupport.geoip.GeoIp2CityDatabase.MOMBASA_IPV4;
import static app.tax.analytics.testsupport.geoip.GeoIp2CityDatabase.NAIROBI_IPV4;
import static app.tax.analytics.testsupport.geoip.GeoIp2CityDatabase.NAIROBI_IPV6;
import static app.tax.analytics.testsupport.geoip.GeoIp2CityDatabase.UNLISTED_IPV4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.domain.enrich.GeoLocation;
import app.tax.analytics.testsupport.geoip.GeoIp2CityDatabase;
import app.tax.analytics.testsupport.geoip.MmdbWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class GeoIpTest {
    private static final GeoLocation NAIROBI = new GeoLocation("KE", "Nairobi County", "Nairobi");

    @TempDir
    static Path dir;
    private static CloseableGeoLocator sample;

    @BeforeAll
    static void openSample() throws IOException {
        sample = GeoIp.open(GeoIp2CityDatabase.sample().writeTo(dir.resolve("sample-city.mmdb")));
    }

    @AfterAll
    static void closeSample() {
        sample.close();
    }

    static Stream<Arguments> listedAddresses() {
        return Stream.of(
            Arguments.of(NAIROBI_IPV4, NAIROBI),
            Arguments.of(MOMBASA_IPV4, new GeoLocation("KE", "Mombasa County", "Mombasa")),
            Arguments.of(LONDON_IPV4, new GeoLocation("GB", "England", "London")),
            Arguments.of(BARCELONA_IPV4, new GeoLocation("ES", "Barcelona", "Barcelona")),
            Arguments.of(KENYA_COUNTRY_ONLY_IPV4, new GeoLocation("KE", null, null)),
            Arguments.of(NAIROBI_IPV6, NAIROBI),
            Arguments.of("2C0F:FE38:2001:0:0:0:0:1", NAIROBI),
            Arguments.of("::ffff:" + NAIROBI_IPV4, NAIROBI),
            Arguments.of("2002:295a:0c22::1", NAIROBI),
            Arguments.of("  " + NAIROBI_IPV4 + "\n", NAIROBI),
            Arguments.of("41.90.0.0", NAIROBI),
            Arguments.of("41.90.255.255", NAIROBI));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("listedAddresses")
    void listedAddressesResolveToCountryRegionAndCity(String ip, GeoLocation expected) {
        assertThat(sample.locate(ip)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {UNLISTED_IPV4, "41.91.0.1", "41.89.255.255", "2c0f:fe39::1", "2001:4860:4860::8888"})
    void addressesOutsideTheListedNetworksAreUnknown(String ip) {
        assertThat(sample.locate(ip)).isEqualTo(GeoLocation.UNKNOWN);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "not an ip", "localhost", "example.com", "999.1.1.1", "41.90.12.256", "41.90.12",
        "41.90.12.34.5", "41..12.34", "-1.2.3.4", "41.90.12.34/16", "0x29.90.12.34", "1:2", "2c0f:fe38::g",
        "2c0f:fe38::1%eth0", "[2c0f:fe38::1]", "41.90.12.34:443", "١٢.٣٤.٥٦.٧٨"})
    void malformedAddressesAreUnknownWithoutException(String ip) {
        assertThat(sample.locate(ip)).isEqualTo(GeoLocation.UNKNOWN);
    }

    @Test
    void overlongInputIsUnknown() {
        char[] digits = new char[10_000];
        Arrays.fill(digits, '1');
        assertThat(sample.locate(new String(digits))).isEqualTo(GeoLocation.UNKNOWN);
        assertThat(sample.locate("2c0f:fe38:" + "0:".repeat(40) + "1")).isEqualTo(GeoLocation.UNKNOWN);
    }

    /** Networks a careless database could list; the locator must not even look them up. */
    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "172.16.5.4", "172.31.255.255", "192.168.1.10", "127.0.0.1", "0.0.0.0",
        "169.254.10.10", "100.64.0.1", "100.127.255.254", "224.0.0.251", "255.255.255.255", "::1", "::",
        "fe80::1", "fd12:3456::1", "fc00::1", "ff02::1", "::ffff:10.1.2.3", "::ffff:127.0.0.1"})
    void privateAndSpecialAddressesAreUnknownEvenWhenTheDatabaseListsThem(String ip) throws IOException {
        GeoIp2CityDatabase everywhere = GeoIp2CityDatabase.create();
        for (String network : List.of("0.0.0.0/1", "128.0.0.0/1", "::/1", "8000::/1")) {
            everywhere.city(network, "KE", "Kenya", "Nairobi", "Nairobi County");
        }
        try (CloseableGeoLocator locator = GeoIp.open(everywhere.writeTo(dir.resolve("everywhere.mmdb")))) {
            assertThat(locator.locate(ip)).isEqualTo(GeoLocation.UNKNOWN);
            assertThat(locator.locate("100.128.0.1")).as("just outside 100.64/10").isEqualTo(NAIROBI);
            assertThat(locator.locate("172.32.0.1")).as("just outside 172.16/12").isEqualTo(NAIROBI);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {24, 28, 32})
    void readsEveryRecordSize(int recordSize) throws IOException {
        Path file = GeoIp2CityDatabase.withRecordSize(recordSize)
            .city("41.90.0.0/16", "KE", "Kenya", "Nairobi", "Nairobi County")
            .city("2c0f:fe38::/32", "KE", "Kenya", "Nairobi", "Nairobi County")
            .writeTo(dir.resolve("records-" + recordSize + ".mmdb"));
        try (CloseableGeoLocator locator = GeoIp.open(file)) {
            assertThat(locator.locate(NAIROBI_IPV4)).isEqualTo(NAIROBI);
            assertThat(locator.locate(NAIROBI_IPV6)).isEqualTo(NAIROBI);
            assertThat(locator.locate(LONDON_IPV4)).isEqualTo(GeoLocation.UNKNOWN);
        }
    }

    @Test
    void namesOtherThanEnglishAreNotUsed() throws IOException {
        Map<String, Object> germanOnlyCity = Map.of(
            "country", Map.of("iso_code", "DE", "names", Map.of("de", "Deutschland")),
            "city", Map.of("names", Map.of("de", "München")));
        Path file = new MmdbWriter("GeoIP2-City", List.of("en", "de"), 24)
            .insert("5.1.0.0/16", germanOnlyCity)
            .writeTo(dir.resolve("german.mmdb"));
        try (CloseableGeoLocator locator = GeoIp.open(file)) {
            assertThat(locator.locate("5.1.2.3")).isEqualTo(new GeoLocation("DE", null, null));
        }
    }

    @Test
    void lookupsAfterCloseAreUnknown() throws IOException {
        CloseableGeoLocator locator = GeoIp.open(GeoIp2CityDatabase.sample().writeTo(dir.resolve("closed.mmdb")));
        assertThat(locator.locate(NAIROBI_IPV4)).isEqualTo(NAIROBI);
        locator.close();
        assertThat(locator.locate(NAIROBI_IPV4)).isEqualTo(GeoLocation.UNKNOWN);
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("no-such-GeoLite2-City.mmdb");
        assertThatThrownBy(() -> GeoIp.open(missing))
            .isInstanceOf(NoSuchFileException.class)
            .hasMessageContaining(missing.toString())
            .hasMessageContaining("not found");
    }

    @Test
    void directoryIsRejectedWithItsName() {
        assertThatThrownBy(() -> GeoIp.open(dir))
            .isInstanceOf(IOException.class)
            .hasMessageContaining(dir.toString())
            .hasMessageContaining("not a regular file");
    }

    @Test
    void fileThatIsNotAnMmdbIsNamed() throws IOException {
        Path text = Files.writeString(dir.resolve("GeoLite2-City.mmdb.tar.gz"), "this is not a database\n".repeat(50));
        assertThatThrownBy(() -> GeoIp.open(text))
            .isInstanceOf(IOException.class)
            .hasMessageContaining(text.toString())
            .hasMessageContaining("not a valid MaxMind DB");
    }

    @Test
    void emptyFileIsNamed() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.mmdb"));
        assertThatThrownBy(() -> GeoIp.open(empty))
            .isInstanceOf(IOException.class)
            .hasMessageContaining(empty.toString());
    }

    @Test
    void truncatedDatabaseIsNamed() throws IOException {
        byte[] whole = GeoIp2CityDatabase.sample().toBytes();
        Path truncated = Files.write(dir.resolve("truncated.mmdb"), Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> GeoIp.open(truncated))
            .isInstanceOf(IOException.class)
            .hasMessageContaining(truncated.toString());
    }

    @Test
    void databaseWithoutCityDataIsRejectedWithItsType() throws IOException {
        Path asn = new MmdbWriter("GeoLite2-ASN", List.of(), 24)
            .insert("41.90.0.0/16", Map.of("autonomous_system_number", MmdbWriter.uint32(33771L),
                "autonomous_system_organization", "Safaricom Limited"))
            .writeTo(dir.resolve("GeoLite2-ASN.mmdb"));
        assertThatThrownBy(() -> GeoIp.open(asn))
            .isInstanceOf(IOException.class)
            .hasMessageContaining(asn.toString())
            .hasMessageContaining("GeoLite2-ASN")
            .hasMessageContaining("no city data");
    }
}
