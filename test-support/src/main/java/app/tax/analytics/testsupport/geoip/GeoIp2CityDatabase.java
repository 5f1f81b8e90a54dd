package app.tax.analytics.testsupport.geoip;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small database in the shape of MaxMind's GeoIP2-City (database type {@code GeoIP2-City}, English
 * names), for tests that need real lookups through {@code geoip2}'s {@code DatabaseReader}.
 *
 * <p>{@link #sample()} holds these networks, with one address of each as a constant:
 * <table>
 * <caption>sample networks</caption>
 * <tr><th>network</th><th>country</th><th>region (most specific subdivision)</th><th>city</th></tr>
 * <tr><td>41.90.0.0/16</td><td>KE</td><td>Nairobi County</td><td>Nairobi</td></tr>
 * <tr><td>41.90.64.0/18</td><td>KE</td><td>Mombasa County</td><td>Mombasa</td></tr>
 * <tr><td>81.2.69.0/24</td><td>GB</td><td>England</td><td>London</td></tr>
 * <tr><td>2.136.0.0/13</td><td>ES</td><td>Barcelona (inside Catalonia)</td><td>Barcelona</td></tr>
 * <tr><td>197.248.0.0/16</td><td>KE</td><td>none</td><td>none</td></tr>
 * <tr><td>2c0f:fe38::/32</td><td>KE</td><td>Nairobi County</td><td>Nairobi</td></tr>
 * </table>
 * Anything else (for example {@link #UNLISTED_IPV4}) is not in the database.
 */
public final class GeoIp2CityDatabase {
    /** In 41.90.0.0/16: KE, Nairobi County, Nairobi. */
    public static final String NAIROBI_IPV4 = "41.90.12.34";
    /** In 41.90.64.0/18, carved out of the Nairobi network: KE, Mombasa County, Mombasa. */
    public static final String MOMBASA_IPV4 = "41.90.100.7";
    /** In 81.2.69.0/24: GB, England, London. */
    public static final String LONDON_IPV4 = "81.2.69.160";
    /** In 2.136.0.0/13, two subdivisions (Catalonia, then Barcelona): ES, Barcelona, Barcelona. */
    public static final String BARCELONA_IPV4 = "2.139.1.1";
    /** In 197.248.0.0/16, a country-only record: KE, no region, no city. */
    public static final String KENYA_COUNTRY_ONLY_IPV4 = "197.248.5.5";
    /** In 2c0f:fe38::/32: KE, Nairobi County, Nairobi. */
    public static final String NAIROBI_IPV6 = "2c0f:fe38:2001::1";
    /** A public address the sample does not list. */
    public static final String UNLISTED_IPV4 = "8.8.8.8";

    private final MmdbWriter writer;

    private GeoIp2CityDatabase(int recordSize) {
        writer = new MmdbWriter("GeoIP2-City", List.of("en"), recordSize);
    }

    /** An empty database with 28-bit records, as MaxMind's city databases use. */
    public static GeoIp2CityDatabase create() {
        return new GeoIp2CityDatabase(28);
    }

    /** An empty database with the given search-tree record size (24, 28 or 32 bits). */
    public static GeoIp2CityDatabase withRecordSize(int recordSize) {
        return new GeoIp2CityDatabase(recordSize);
    }

    /** The networks listed in the class comment, in a new database. */
    public static GeoIp2CityDatabase sample() {
        return create()
            .city("41.90.0.0/16", "KE", "Kenya", "Nairobi", "Nairobi County")
            .city("41.90.64.0/18", "KE", "Kenya", "Mombasa", "Mombasa County")
            .city("81.2.69.0/24", "GB", "United Kingdom", "London", "England")
            .city("2.136.0.0/13", "ES", "Spain", "Barcelona", "Catalonia", "Barcelona")
            .country("197.248.0.0/16", "KE", "Kenya")
            .city("2c0f:fe38::/32", "KE", "Kenya", "Nairobi", "Nairobi County");
    }

    /**
     * Adds a network located in a city.
     *
     * @param subdivisionNames from the largest (state, country part) to the most specific
     */
    public GeoIp2CityDatabase city(String network, String countryIsoCode, String countryName, String cityName,
                                   String... subdivisionNames) {
        Map<String, Object> record = countryRecord(countryIsoCode, countryName);
        record.put("city", named(cityName));
        List<Object> subdivisions = new ArrayList<>();
        for (String subdivision : subdivisionNames) {
            subdivisions.add(named(subdivision));
        }
        if (!subdivisions.isEmpty()) {
            record.put("subdivisions", subdivisions);
        }
        writer.insert(network, record);
        return this;
    }

    /** Adds a network known only by its country, as many ranges are in the real databases. */
    public GeoIp2CityDatabase country(String network, String countryIsoCode, String countryName) {
        writer.insert(network, countryRecord(countryIsoCode, countryName));
        return this;
    }

    /** Writes the database file and returns it. */
    public Path writeTo(Path file) throws IOException {
        return writer.writeTo(file);
    }

    public byte[] toBytes() {
        return writer.toBytes();
    }

    private static Map<String, Object> countryRecord(String isoCode, String name) {
        Map<String, Object> country = named(name);
        country.put("iso_code", isoCode);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("country", country);
        record.put("registered_country", country);
        // A uint16 like MaxMind's, so the fixture exercises the reader's integer typing too.
        record.put("location", Map.of("accuracy_radius", MmdbWriter.uint16(50)));
        return record;
    }

    private static Map<String, Object> named(String englishName) {
        Map<String, Object> named = new LinkedHashMap<>();
        // Stable made-up ids; GeoIP2 reads geoname_id as a uint32.
        named.put("geoname_id", MmdbWriter.uint32(Math.floorMod(englishName.hashCode(), 10_000_000)));
        named.put("names", Map.of("en", englishName));
        return named;
    }
}
