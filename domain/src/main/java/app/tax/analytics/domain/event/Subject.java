package app.tax.analytics.domain.event;

/**
 * Whose events a privacy erasure deletes: every event with the {@code userId} or the {@code anonymousId}
 * (at least one given; a blank one counts as not given), and those of the ids linked to the userId by an
 * {@link IdentityLink}, in {@code source} or, only when it is null, in every source (a blank source is a
 * source name like any other: it never widens an erasure). Every link naming one of its ids goes too.
 */
public record Subject(String source, String userId, String anonymousId) {
    public Subject {
        userId = blankToNull(userId);
        anonymousId = blankToNull(anonymousId);
        if (userId == null && anonymousId == null) {
            throw new IllegalArgumentException("userId or anonymousId is required");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
