package app.tax.analytics.domain.event;

/** {@code context.page} of a Segment message (all fields optional). */
public record PageInfo(String url, String path, String referrer, String title, String search) {
    public static final PageInfo EMPTY = new PageInfo(null, null, null, null, null);
}
