package app.tax.analytics.domain.event;

import java.util.Map;

/**
 * What a mobile library says about the app and the device in Segment's {@code context} (the spec's
 * {@code context.app}, {@code context.os}, {@code context.device}, {@code context.network}); every part
 * is null when not sent, as from a browser.
 *
 * @param appVersion         {@code context.app.version} ("2.4.0")
 * @param appBuild           {@code context.app.build} ("240"; a number is kept as its text)
 * @param osName             {@code context.os.name} ("Android", "iOS")
 * @param osVersion          {@code context.os.version} ("14")
 * @param deviceType         {@code context.device.type} ("android", "ios")
 * @param deviceModel        {@code context.device.model} ("Pixel 8", "iPhone15,2")
 * @param deviceManufacturer {@code context.device.manufacturer} ("Google", "Apple")
 * @param network            {@code wifi} when {@code context.network.wifi} is true, else {@code cellular}
 *                           when {@code context.network.cellular} is true, else null
 */
public record AppContext(String appVersion, String appBuild, String osName, String osVersion, String deviceType,
                         String deviceModel, String deviceManufacturer, String network) {
    public static final String WIFI = "wifi";
    public static final String CELLULAR = "cellular";

    /** Reads the mobile parts of a raw Segment context. */
    public static AppContext of(Map<String, ?> context) {
        Map<String, Object> app = JsonValues.object(context, "app");
        Map<String, Object> os = JsonValues.object(context, "os");
        Map<String, Object> device = JsonValues.object(context, "device");
        Map<String, Object> network = JsonValues.object(context, "network");
        String connection = Boolean.TRUE.equals(network.get("wifi")) ? WIFI
                : Boolean.TRUE.equals(network.get("cellular")) ? CELLULAR : null;
        return new AppContext(JsonValues.text(app, "version"), JsonValues.text(app, "build"),
                JsonValues.text(os, "name"), JsonValues.text(os, "version"), JsonValues.text(device, "type"),
                JsonValues.text(device, "model"), JsonValues.text(device, "manufacturer"), connection);
    }

    /** Whether a mobile library sent the event (it names the app or a phone's platform). */
    public boolean isMobile() {
        return appVersion != null || "ios".equalsIgnoreCase(deviceType) || "android".equalsIgnoreCase(deviceType);
    }
}
