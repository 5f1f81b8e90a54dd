package app.tax.analytics.adapters.embedded;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How much of the machine DuckDB may take: its {@code memory_limit} (a size such as {@code 1GB} or
 * {@code 512MiB}, or a percentage of the machine's memory) and its worker {@code threads}. A query that would
 * need more memory than the limit fails (and is answered 503) instead of growing the process until the
 * kernel kills it; operators that can spill write to the database's temporary folder.
 */
public record DuckDbLimits(String memoryLimit, int threads) {
    /**
     * Leaves room in the 2 GiB that issue 15 gives the single-process {@code all} role for the JVM heap; the
     * seed's smaller pods run the ClickHouse store, where DuckDB is not used.
     */
    public static final String DEFAULT_MEMORY_LIMIT = "1GB";
    private static final Pattern SIZE = Pattern.compile("\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB|%)");

    public DuckDbLimits {
        Objects.requireNonNull(memoryLimit, "memoryLimit");
        memoryLimit = memoryLimit.strip();
        if (!SIZE.matcher(memoryLimit.toUpperCase(Locale.ROOT)).matches()) {
            throw new IllegalArgumentException("the DuckDB memory limit must be a size such as 512MB, 2GB or 1GiB, or a percentage such as 50%; got '"
                    + memoryLimit + "'");
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("DuckDB threads must be from 1 to 256; got " + threads);
        }
    }

    /** {@value #DEFAULT_MEMORY_LIMIT}, and a thread per processor the JVM may use (a container's CPU limit included). */
    public static DuckDbLimits defaults() {
        return new DuckDbLimits(DEFAULT_MEMORY_LIMIT, Runtime.getRuntime().availableProcessors());
    }
}
