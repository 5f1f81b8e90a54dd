package app.tax.analytics.application.port.out;

import app.tax.analytics.domain.enrich.DeviceInfo;

/** User-Agent header → browser, OS, device type, bot flag. */
public interface UserAgentParser {
    /** {@link DeviceInfo#UNKNOWN} (not a bot) for null; never throws for garbage. */
    DeviceInfo parse(String userAgent);
}
