package app.tax.analytics.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.domain.enrich.DeviceInfo;
import app.tax.analytics.domain.enrich.DeviceType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppContextTest {
    @Test
    void readsTheMobileLibrariesContext() {
        AppContext app = AppContext.of(Map.of(
                "app", Map.of("name", "Tax", "version", "3.1.0", "build", 310),
                "os", Map.of("name", "Android", "version", "14"),
                "device", Map.of("model", "Pixel 8", "manufacturer", "Google", "type", "android"),
                "network", Map.of("wifi", false, "cellular", true)));
        assertThat(app).isEqualTo(new AppContext("3.1.0", "310", "Android", "14", "android", "Pixel 8", "Google", "cellular"));
        assertThat(app.isMobile()).isTrue();
    }

    @Test
    void wifiWinsAndNoNetworkInformationIsNoValue() {
        assertThat(AppContext.of(Map.of("network", Map.of("wifi", true, "cellular", true))).network()).isEqualTo("wifi");
        assertThat(AppContext.of(Map.of("network", Map.of("wifi", false, "cellular", false))).network()).isNull();
        assertThat(AppContext.of(Map.of("network", "wifi")).network()).as("not an object").isNull();
    }

    @Test
    void aBrowsersContextIsNotMobile() {
        AppContext app = AppContext.of(Map.of("page", Map.of("url", "https://tax.app/"), "library", Map.of("name", "analytics.js")));
        assertThat(app).isEqualTo(new AppContext(null, null, null, null, null, null, null, null));
        assertThat(app.isMobile()).isFalse();
    }

    @Test
    void theContextFillsOnlyWhatTheUserAgentDidNotTell() {
        AppContext ios = AppContext.of(Map.of("os", Map.of("name", "iOS", "version", "17.4"), "device", Map.of("type", "ios")));
        assertThat(DeviceInfo.UNKNOWN.withAppContext(ios))
                .isEqualTo(new DeviceInfo(null, null, "iOS", "17.4", DeviceType.MOBILE, false));
        DeviceInfo tablet = new DeviceInfo("Safari", "17", "iOS", "17", DeviceType.TABLET, false);
        assertThat(tablet.withAppContext(ios)).isEqualTo(tablet);
    }
}
