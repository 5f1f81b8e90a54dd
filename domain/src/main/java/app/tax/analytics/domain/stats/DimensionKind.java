package app.tax.analytics.domain.stats;

import java.util.Arrays;
import java.util.Optional;

/** The allow-list of breakdown and filter dimensions (docs/ARCHITECTURE.md, "Dashboard API"). */
public enum DimensionKind {
    PAGE("page"), ENTRY_PAGE("entry_page"), EXIT_PAGE("exit_page"), HOSTNAME("hostname"), REFERRER("referrer"),
    CHANNEL("channel"), UTM_SOURCE("utm_source"), UTM_MEDIUM("utm_medium"), UTM_CAMPAIGN("utm_campaign"),
    UTM_TERM("utm_term"), UTM_CONTENT("utm_content"), COUNTRY("country"), REGION("region"), CITY("city"),
    BROWSER("browser"), OS("os"), DEVICE("device"), EVENT("event"),
    /** The name of a {@code screen} event (mobile apps' page views). */
    SCREEN("screen"),
    /** Mobile context ({@code context.app}, {@code context.os}, {@code context.device}, {@code context.network}). */
    APP_VERSION("app_version"), APP_BUILD("app_build"), OS_VERSION("os_version"), DEVICE_MODEL("device_model"),
    DEVICE_MANUFACTURER("device_manufacturer"), NETWORK("network"),
    /** {@code prop:<key>}: a property of track/page events. */
    PROPERTY("prop");

    private final String wireName;

    DimensionKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether the value belongs to a session (its first or last page) rather than to each event. */
    public boolean isSessionLevel() {
        return this == ENTRY_PAGE || this == EXIT_PAGE;
    }

    static Optional<DimensionKind> fromWire(String name) {
        return Arrays.stream(values()).filter(k -> k != PROPERTY && k.wireName.equals(name)).findFirst();
    }
}
