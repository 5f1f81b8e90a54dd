package app.tax.analytics.domain.enrich;

import java.util.Objects;

/**
 * What a user agent says about the client.
 *
 * @param browser        browser family ("Chrome", "Safari"), or null
 * @param browserVersion major version ("131"), or null
 * @param os             operating system family ("Android", "iOS", "Windows"), or null
 * @param osVersion      OS version ("14"), or null
 * @param deviceType     coarse device class
 * @param bot            crawlers, monitors, headless browsers, scripts: kept, but excluded from stats
 */
public record DeviceInfo(String browser, String browserVersion, String os, String osVersion,
                         DeviceType deviceType, boolean bot) {
    public static final DeviceInfo UNKNOWN = new DeviceInfo(null, null, null, null, DeviceType.UNKNOWN, false);

    public DeviceInfo {
        deviceType = Objects.requireNonNullElse(deviceType, DeviceType.UNKNOWN);
    }

    public DeviceInfo asBot() {
        return new DeviceInfo(browser, browserVersion, os, osVersion, DeviceType.BOT, true);
    }
}
