package app.tax.analytics.bootstrap.e2e;

import app.tax.analytics.testsupport.geoip.MmdbWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A tiny GeoIP2-City database: 41.90.0.0/16 is Nairobi, 81.2.69.0/24 is London. */
public final class GeoFixture {
    private GeoFixture() {
    }

    public static Path write(Path dir) throws IOException {
        return new MmdbWriter("GeoIP2-City", List.of("en"), 28)
                .insert("41.90.0.0/16", city("KE", "Kenya", "Nairobi County", "Nairobi"))
                .insert("81.2.69.0/24", city("GB", "United Kingdom", "England", "London"))
                .writeTo(dir.resolve("city.mmdb"));
    }

    private static Map<String, Object> city(String iso, String country, String region, String city) {
        return Map.of(
                "country", Map.of("iso_code", iso, "names", Map.of("en", country)),
                "subdivisions", List.of(Map.of("names", Map.of("en", region))),
                "city", Map.of("names", Map.of("en", city)));
    }
}
