package app.tax.analytics.domain.board;

import app.tax.analytics.domain.stats.InvalidQueryException;
import app.tax.analytics.domain.stats.StatsQuery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A moment of a source's chart with a text: a note someone wrote, or a release marker the processor made from the
 * first event that carried a new app version (mobile {@code context.app.version}, the web SDK's {@code data-release}).
 * Problems are {@link InvalidQueryException}s naming the field.
 *
 * @param createdBy the account's e-mail for a note; {@link #PROCESSOR} for a release marker
 */
public record Annotation(String id, String source, Instant at, Kind kind, String text, String createdBy) {
    public static final int MAX_TEXT_LENGTH = 500;
    /** Longer "versions" are not versions: they make no marker. */
    public static final int MAX_VERSION_LENGTH = 100;
    public static final String PROCESSOR = "processor";

    public enum Kind {
        NOTE, RELEASE;

        public String wireName() {
            return WireNames.of(this);
        }

        public static Kind fromWire(String name) {
            return WireNames.find(Kind.class, name).orElseThrow(() -> new IllegalArgumentException("unknown annotation kind '" + name + "'"));
        }
    }

    public Annotation {
        BoardItemChecks.requireIdAndSource("an annotation", id, source);
        if (at == null || at.isBefore(StatsQuery.EARLIEST) || !at.isBefore(StatsQuery.LATEST)) {
            throw new InvalidQueryException("at", "is required: an ISO-8601 instant such as 2026-11-02T09:00:00Z");
        }
        Objects.requireNonNull(kind, "kind");
        int limit = kind == Kind.NOTE ? MAX_TEXT_LENGTH : MAX_VERSION_LENGTH;
        if (text == null || text.isBlank() || text.length() > limit) {
            throw new InvalidQueryException("text", "is required: 1-" + limit + " characters");
        }
        BoardItemChecks.requireAuthor("an annotation", createdBy);
    }

    /** The marker of {@code version} in {@code source}: its id depends on both only, so every processor makes the same one. */
    public static Annotation release(String source, String version, Instant firstSeen) {
        return new Annotation(releaseId(source, version), source, firstSeen, Kind.RELEASE, version, PROCESSOR);
    }

    /** Whether {@code version} may name a release marker. */
    public static boolean isVersion(String version) {
        return version != null && !version.isBlank() && version.length() <= MAX_VERSION_LENGTH;
    }

    static String releaseId(String source, String version) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(source.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(version.getBytes(StandardCharsets.UTF_8));
            return "release-" + HexFormat.of().formatHex(sha256.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
