package app.tax.analytics.adapters.geoip;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.testsupport.geoip.GeoIp2CityDatabase;
import app.tax.analytics.testsupport.geoip.MmdbWriter;
import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.model.CityResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test-support MMDB writer, read back by MaxMind's own readers (maxmind-db and geoip2). */
class MmdbWriterCompatibilityTest {

    @Test
    void sampleIsAGeoIp2CityDatabaseThatDatabaseReaderReads() throws Exception {
        byte[] bytes = GeoIp2CityDatabase.sample().toBytes();
        try (DatabaseReader reader = new DatabaseReader.Builder(new ByteArrayInputStream(bytes)).build()) {
            Metadata metadata = reader.getMetadata();
            assertThat(metadata.databaseType()).isEqualTo("GeoIP2-City");
            assertThat(metadata.ipVersion()).isEqualTo(6);
            assertThat(metadata.recordSize()).isEqualTo(28);
            assertThat(metadata.binaryFormatMajorVersion()).isEqualTo(2);
            assertThat(metadata.languages()).containsExactly("en");

            CityResponse barcelona = reader.city(InetAddress.getByName(GeoIp2CityDatabase.BARCELONA_IPV4));
            assertThat(barcelona.country().isoCode()).isEqualTo("ES");
            assertThat(barcelona.country().name()).isEqualTo("Spain");
            assertThat(barcelona.registeredCountry().isoCode()).isEqualTo("ES");
            assertThat(barcelona.subdivisions()).extracting(s -> s.name()).containsExactly("Catalonia", "Barcelona");
            assertThat(barcelona.city().name()).isEqualTo("Barcelona");
            assertThat(barcelona.city().geonameId()).isNotNull();
            assertThat(barcelona.location().accuracyRadius()).isEqualTo(50);
            assertThat(barcelona.traits().network().toString()).isEqualTo("2.136.0.0/13");
        }
    }

    @Test
    void aMoreSpecificNetworkSplitsTheOneAroundIt() throws IOException {
        try (Reader reader = new Reader(new ByteArrayInputStream(GeoIp2CityDatabase.sample().toBytes()))) {
            DatabaseRecord<Map> nairobi = reader.getRecord(InetAddress.getByName("41.90.12.34"), Map.class);
            DatabaseRecord<Map> mombasa = reader.getRecord(InetAddress.getByName("41.90.100.7"), Map.class);
            DatabaseRecord<Map> nairobiAbove = reader.getRecord(InetAddress.getByName("41.90.200.1"), Map.class);
            assertThat(nairobi.network().toString()).isEqualTo("41.90.0.0/18");
            assertThat(mombasa.network().toString()).isEqualTo("41.90.64.0/18");
            assertThat(nairobiAbove.network().toString()).isEqualTo("41.90.128.0/17");
            assertThat(nairobi.data()).isEqualTo(nairobiAbove.data()).isNotEqualTo(mombasa.data());
        }
    }

    @Test
    void ipv4IsReachableThroughTheMappedAnd6to4Aliases() throws IOException {
        try (Reader reader = new Reader(new ByteArrayInputStream(GeoIp2CityDatabase.sample().toBytes()))) {
            Map<?, ?> direct = reader.get(InetAddress.getByName("81.2.69.160"), Map.class);
            // 6to4 carries the IPv4 address in bits 16..47: 2002:5102:45a0:: is 81.2.69.160.
            Map<?, ?> sixToFour = reader.get(InetAddress.getByName("2002:5102:45a0::"), Map.class);
            assertThat(direct).isNotNull().isEqualTo(sixToFour);
        }
    }

    @Test
    void everyDataTypeRoundTrips() throws IOException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("short", "Nairobi");
        record.put("unicode", "Zürich – 東京");
        record.put("size_one_extra_byte", "x".repeat(100));
        record.put("size_two_extra_bytes", "y".repeat(5_000));
        record.put("size_three_extra_bytes", "z".repeat(70_000));
        record.put("uint16", MmdbWriter.uint16(65_535));
        record.put("uint32", MmdbWriter.uint32(4_294_967_295L));
        record.put("uint32_zero", MmdbWriter.uint32(0));
        record.put("uint64", MmdbWriter.uint64(new BigInteger("18446744073709551615")));
        record.put("uint128", MmdbWriter.uint128(BigInteger.ONE.shiftLeft(127)));
        record.put("int32", -123_456);
        record.put("double", -1.2921);
        record.put("float", 36.8219f);
        record.put("true", true);
        record.put("false", false);
        record.put("bytes", new byte[] {0, 1, (byte) 0xFF});
        record.put("array", List.of("a", MmdbWriter.uint16(7), List.of()));
        record.put("nested", Map.of("empty", Map.of()));
        byte[] bytes = new MmdbWriter("Test-Types", List.of(), 24).insert("203.0.113.0/24", record).toBytes();

        try (Reader reader = new Reader(new ByteArrayInputStream(bytes))) {
            Map<?, ?> read = reader.get(InetAddress.getByName("203.0.113.9"), Map.class);
            assertThat(read.get("short")).isEqualTo("Nairobi");
            assertThat(read.get("unicode")).isEqualTo("Zürich – 東京");
            assertThat(read.get("size_one_extra_byte")).isEqualTo("x".repeat(100));
            assertThat(read.get("size_two_extra_bytes")).isEqualTo("y".repeat(5_000));
            assertThat(read.get("size_three_extra_bytes")).isEqualTo("z".repeat(70_000));
            assertThat(read.get("uint16")).isEqualTo(65_535);
            assertThat(read.get("uint32")).isEqualTo(4_294_967_295L);
            assertThat(read.get("uint32_zero")).isEqualTo(0L);
            assertThat(read.get("uint64")).isEqualTo(new BigInteger("18446744073709551615"));
            assertThat(read.get("uint128")).isEqualTo(BigInteger.ONE.shiftLeft(127));
            assertThat(read.get("int32")).isEqualTo(-123_456);
            assertThat(read.get("double")).isEqualTo(-1.2921);
            assertThat(read.get("float")).isEqualTo(36.8219f);
            assertThat(read.get("true")).isEqualTo(true);
            assertThat(read.get("false")).isEqualTo(false);
            assertThat((byte[]) read.get("bytes")).containsExactly(0, 1, 0xFF);
            assertThat(read.get("array")).isEqualTo(List.of("a", 7, List.of()));
            assertThat(read.get("nested")).isEqualTo(Map.of("empty", Map.of()));
            assertThat(reader.get(InetAddress.getByName("203.0.114.1"), Map.class)).isNull();
        }
    }
}
