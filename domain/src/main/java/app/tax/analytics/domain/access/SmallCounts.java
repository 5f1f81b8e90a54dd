package app.tax.analytics.domain.access;

/** The small-count threshold a key, share or account may carry. */
public final class SmallCounts {
    /** More would hide nearly everything; a threshold is meant to hide a handful of visitors. */
    public static final int MAX_MIN_VISITORS = 1000;

    private SmallCounts() {
    }

    /** @throws IllegalArgumentException when outside 0-{@value #MAX_MIN_VISITORS} */
    public static int check(int minVisitors) {
        if (minVisitors < 0 || minVisitors > MAX_MIN_VISITORS) {
            throw new IllegalArgumentException("minVisitors: must be 0-" + MAX_MIN_VISITORS + " (0: no limit)");
        }
        return minVisitors;
    }
}
