package app.tax.analytics.application.testing;

import app.tax.analytics.application.port.out.UserAgentParser;
import app.tax.analytics.domain.enrich.DeviceInfo;
import app.tax.analytics.domain.enrich.DeviceType;

/** Chrome on Android for every user agent, a bot for those that say "bot". */
public final class FixedUserAgentParser implements UserAgentParser {
    public static final DeviceInfo CHROME_ANDROID = new DeviceInfo("Chrome", "131", "Android", "14", DeviceType.MOBILE, false);

    @Override
    public DeviceInfo parse(String userAgent) {
        if (userAgent == null) {
            return DeviceInfo.UNKNOWN;
        }
        return userAgent.toLowerCase(java.util.Locale.ROOT).contains("bot") ? CHROME_ANDROID.asBot() : CHROME_ANDROID;
    }
}
