package app.tax.analytics.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Settings and URL handling, without a server. */
class RedisAdaptersTest {

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "localhost:6379", "http://:s3cret@host:6379", "redis://:s3cret@host:notaport",
            "redis://", "redis://:s3cret@host:70000", "redis://user:s3cret@host:6379/notadb"})
    void aMalformedUrlFailsAtOnceWithoutShowingThePassword(String url) {
        assertThatThrownBy(() -> RedisAdapters.connect(RedisSettings.defaults(url)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("REDIS_URL ")
                .hasMessageContaining("is not a valid Redis URL")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }

    @Test
    void wellFormedUrlsAreAccepted() {
        assertThat(RedisAdapters.parseUrl("redis://localhost:6379").getPort()).isEqualTo(6379);
        assertThat(RedisAdapters.parseUrl("redis://:pw@cache.internal/2").getDatabase()).isEqualTo(2);
        assertThat(RedisAdapters.parseUrl("rediss://user:pw@cache.internal:6380").isSsl()).isTrue();
    }

    @Test
    void defaultsAreTheSeedsValues() {
        RedisSettings settings = RedisSettings.defaults("redis://localhost:6379");

        assertThat(settings.streamKey()).isEqualTo("analytics_events");
        assertThat(settings.consumerGroup()).isEqualTo("processors");
        assertThat(settings.commandTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.maxStreamLength()).isEqualTo(1_000_000);
        assertThat(settings.maxDeliveries()).isEqualTo(5);
        assertThat(settings.deadLetterKey()).isEqualTo("analytics_events:dead");
    }

    @Test
    void settingsNeverShowThePassword() {
        assertThat(RedisSettings.defaults("redis://admin:s3cret@10.1.2.3:6379/0").toString())
                .doesNotContain("s3cret").doesNotContain("10.1.2.3").contains("redis://***@10.1.2.x:6379/0");
        assertThat(RedisSettings.defaults("redis://s3cret@cache:6379").toString()).doesNotContain("s3cret");
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThatThrownBy(() -> new RedisSettings(" ", "s", "g", Duration.ofSeconds(1), 10, 1)).hasMessageContaining("url");
        assertThatThrownBy(() -> new RedisSettings("redis://h", "", "g", Duration.ofSeconds(1), 10, 1)).hasMessageContaining("streamKey");
        assertThatThrownBy(() -> new RedisSettings("redis://h", "s", "g", Duration.ofMillis(10), 10, 1)).hasMessageContaining("timeout");
        assertThatThrownBy(() -> new RedisSettings("redis://h", "s", "g", Duration.ofSeconds(1), 0, 1)).hasMessageContaining("stream length");
        assertThatThrownBy(() -> new RedisSettings("redis://h", "s", "g", Duration.ofSeconds(1), 10, 0)).hasMessageContaining("deliveries");
    }

    @Test
    void driverMessagesLoseTheirIpAddresses() {
        assertThat(Redaction.text("Unable to connect to /192.168.17.42:6379")).isEqualTo("Unable to connect to /192.168.17.x:6379");
        assertThat(Redaction.text("refused: 2001:db8:85a3:8d3:1319:8a2e:370:7348")).doesNotContain("7348").contains("2001:db8:85a3");
    }

    @Test
    void streamIdsCompareAsNumbers() {
        assertThat(StreamId.parse("10-0")).isGreaterThan(StreamId.parse("9-5"));
        assertThat(StreamId.parse("9-10")).isGreaterThan(StreamId.parse("9-9"));
        assertThat(StreamId.parse("1700000000000-3").toString()).isEqualTo("1700000000000-3");
        assertThatThrownBy(() -> StreamId.parse("x-1")).isInstanceOf(IllegalArgumentException.class);
    }
}
