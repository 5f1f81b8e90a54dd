package app.tax.analytics.domain.event;

/** UTM parameters: {@code context.campaign} or the page URL's {@code utm_*} query parameters. */
public record Campaign(String source, String medium, String name, String term, String content) {
    public static final Campaign EMPTY = new Campaign(null, null, null, null, null);

    public boolean isEmpty() {
        return source == null && medium == null && name == null && term == null && content == null;
    }

    /** Field by field, this campaign's value where present, otherwise the fallback's. */
    public Campaign orElse(Campaign fallback) {
        return new Campaign(
                source != null ? source : fallback.source,
                medium != null ? medium : fallback.medium,
                name != null ? name : fallback.name,
                term != null ? term : fallback.term,
                content != null ? content : fallback.content);
    }
}
