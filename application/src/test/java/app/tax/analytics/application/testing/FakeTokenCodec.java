package app.tax.analytics.application.testing;

import app.tax.analytics.application.port.out.TokenCodec;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Opaque numbered tokens, valid until their expiry by the given clock. */
public final class FakeTokenCodec implements TokenCodec {
    private record Issued(String subject, String role, long version, Instant expiresAt) {
    }

    private final Clock clock;
    private final Map<String, Issued> issued = new HashMap<>();

    public FakeTokenCodec(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String issue(String subject, String role, long tokenVersion, Instant expiresAt) {
        String token = "token-" + (issued.size() + 1);
        issued.put(token, new Issued(subject, role, tokenVersion, expiresAt));
        return token;
    }

    @Override
    public Optional<Claims> verify(String token) {
        Issued found = token == null ? null : issued.get(token);
        if (found == null || !clock.instant().isBefore(found.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(new Claims(found.subject(), found.version()));
    }

    public Optional<String> roleOf(String token) {
        return Optional.ofNullable(issued.get(token)).map(Issued::role);
    }
}
