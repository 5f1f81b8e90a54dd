package app.tax.analytics.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.out.TokenCodec;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtTokensTest {
    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    final TokenCodec codec = JwtTokens.hs256(SECRET, CLOCK);

    @Test
    void anIssuedTokenVerifiesToItsSubjectAndCarriesRoleAndIssuer() {
        String token = codec.issue("admin@tax.app", "admin", 0, NOW.plus(Duration.ofHours(8)));

        assertThat(codec.verify(token)).hasValue(new app.tax.analytics.application.port.out.TokenCodec.Claims("admin@tax.app", 0));
        assertThat(JWT.decode(token).getAlgorithm()).isEqualTo("HS256");
        assertThat(JWT.decode(token).getIssuer()).isEqualTo("tax-analytics");
        assertThat(JWT.decode(token).getClaim("role").asString()).isEqualTo("admin");
        assertThat(JWT.decode(token).getExpiresAtAsInstant()).isEqualTo(NOW.plus(Duration.ofHours(8)));
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = codec.issue("admin@tax.app", "admin", 0, NOW.minusSeconds(1));

        assertThat(codec.verify(token)).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        TokenCodec other = JwtTokens.hs256("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8), CLOCK);

        assertThat(codec.verify(other.issue("admin@tax.app", "admin", 0, NOW.plusSeconds(60)))).isEmpty();
    }

    @Test
    void onlyHs256IsAcceptedEvenWithTheRightSecret() {
        String hs384 = JWT.create().withIssuer("tax-analytics").withSubject("admin@tax.app")
                .withExpiresAt(NOW.plusSeconds(60)).sign(Algorithm.HMAC384(SECRET));
        String unsigned = JWT.create().withIssuer("tax-analytics").withSubject("admin@tax.app")
                .withExpiresAt(NOW.plusSeconds(60)).sign(Algorithm.none());

        assertThat(codec.verify(hs384)).isEmpty();
        assertThat(codec.verify(unsigned)).isEmpty();
    }

    @Test
    void anotherIssuerOrAMissingExpiryIsRefused() {
        String otherIssuer = JWT.create().withIssuer("someone-else").withSubject("admin@tax.app")
                .withExpiresAt(NOW.plusSeconds(60)).sign(Algorithm.HMAC256(SECRET));
        String neverExpires = JWT.create().withIssuer("tax-analytics").withSubject("admin@tax.app")
                .sign(Algorithm.HMAC256(SECRET));

        assertThat(codec.verify(otherIssuer)).isEmpty();
        assertThat(codec.verify(neverExpires)).isEmpty();
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String[] parts = codec.issue("viewer@tax.app", "viewer", 0, NOW.plusSeconds(60)).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("viewer@tax.app", "admin@tax.app");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(codec.verify(forged)).isEmpty();
    }

    @Test
    void garbageIsRefusedQuietly() {
        assertThat(codec.verify(null)).isEmpty();
        assertThat(codec.verify("")).isEmpty();
        assertThat(codec.verify("not.a.jwt")).isEmpty();
        assertThat(codec.verify("a.b")).isEmpty();
    }

    @Test
    void aSecretShorterThan32BytesIsRejected() {
        assertThatThrownBy(() -> JwtTokens.hs256("short".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }
}
