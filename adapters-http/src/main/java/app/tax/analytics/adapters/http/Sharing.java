package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.ManageApiKeys;
import app.tax.analytics.application.port.in.ManageShares;
import app.tax.analytics.application.port.in.OpenShares;
import java.util.Objects;

/** The use cases behind API keys and shared links of the dashboard server. */
public record Sharing(ManageApiKeys keys, ManageShares shares, OpenShares open) {
    public Sharing {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(shares, "shares");
        Objects.requireNonNull(open, "open");
    }
}
