package app.tax.analytics.domain.enrich;

import java.util.Locale;

/** Coarse device class for the dashboard's device breakdown. */
public enum DeviceType {
    DESKTOP, MOBILE, TABLET, TV, CONSOLE, WEARABLE, BOT, OTHER, UNKNOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
