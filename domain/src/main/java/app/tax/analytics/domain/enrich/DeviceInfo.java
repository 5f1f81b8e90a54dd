package app.tax.analytics.domain.enrich;

import app.tax.analytics.domain.event.AppContext;
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

    /**
     * Fills what the user agent did not tell from what a mobile library sent: OS name and version from
     * {@code context.os}, and a phone's platform ({@code context.device.type} ios/android) makes an
     * unknown device type {@code mobile}. What the user agent told is kept.
     */
    public DeviceInfo withAppContext(AppContext app) {
        Objects.requireNonNull(app, "app");
        DeviceType type = deviceType == DeviceType.UNKNOWN && app.isMobile() ? DeviceType.MOBILE : deviceType;
        return new DeviceInfo(browser, browserVersion, os != null ? os : app.osName(),
                osVersion != null ? osVersion : app.osVersion(), type, bot);
    }

    public DeviceInfo asBot() {
        return new DeviceInfo(browser, browserVersion, os, osVersion, DeviceType.BOT, true);
    }
}
