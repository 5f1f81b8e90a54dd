package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.out.TokenCodec;
import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Dashboard session tokens as JWTs (java-jwt). */
public final class JwtTokens {
    static final String ISSUER = "tax-analytics";
    /** RFC 7518 §3.2: an HS256 key must be at least as long as the hash, 256 bits. */
    static final int MIN_SECRET_BYTES = 32;
    /** The account's token version at issue; a token whose version is not the account's current one is revoked. */
    static final String VERSION_CLAIM = "ver";

    private JwtTokens() {
    }

    /**
     * Tokens signed with HMAC-SHA256 under {@code secret}. Verification accepts HS256 only (a token naming
     * another algorithm, {@code none} included, is refused), requires issuer {@value #ISSUER}, a subject and
     * an expiry, and refuses expired tokens.
     *
     * @throws IllegalArgumentException when the secret is shorter than 32 bytes
     */
    public static TokenCodec hs256(byte[] secret) {
        return hs256(secret, Clock.systemUTC());
    }

    static TokenCodec hs256(byte[] secret, Clock clock) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the JWT secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        return new Hs256Codec(Algorithm.HMAC256(secret.clone()), Objects.requireNonNull(clock));
    }

    private static final class Hs256Codec implements TokenCodec {
        private final Algorithm algorithm;
        private final JWTVerifier verifier;
        private final Clock clock;

        Hs256Codec(Algorithm algorithm, Clock clock) {
            this.algorithm = algorithm;
            this.clock = clock;
            this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm)
                    .withIssuer(ISSUER)
                    .withClaimPresence("sub")
                    .withClaimPresence("exp")
                    .acceptLeeway(0))
                    .build(clock);
        }

        @Override
        public String issue(String subject, String role, long tokenVersion, Instant expiresAt) {
            return JWT.create()
                    .withIssuer(ISSUER)
                    .withSubject(Objects.requireNonNull(subject, "subject"))
                    .withClaim("role", role)
                    .withClaim(VERSION_CLAIM, tokenVersion)
                    .withIssuedAt(clock.instant())
                    .withExpiresAt(Objects.requireNonNull(expiresAt, "expiresAt"))
                    .sign(algorithm);
        }

        @Override
        public Optional<Claims> verify(String token) {
            if (token == null || token.isBlank()) {
                return Optional.empty();
            }
            try {
                DecodedJWT decoded = verifier.verify(token);
                // tokens issued before versions existed carry none: version 0, as their accounts have
                Long version = decoded.getClaim(VERSION_CLAIM).asLong();
                return decoded.getSubject() == null ? Optional.empty()
                        : Optional.of(new Claims(decoded.getSubject(), version == null ? 0 : version));
            } catch (JWTVerificationException e) {
                return Optional.empty();
            }
        }
    }
}
