package app.tax.analytics.adapters.http;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Something {@code /health/ready} reports on (the queue, the store): its name and a quick reachability
 * check. A check that throws counts as not ready.
 */
public record Dependency(String name, BooleanSupplier ready) {
    public Dependency {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ready, "ready");
    }
}
