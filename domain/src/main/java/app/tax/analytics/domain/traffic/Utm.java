package app.tax.analytics.domain.traffic;

import app.tax.analytics.domain.event.Campaign;
import java.util.Map;

/** UTM parameters: {@code context.campaign} first, the page URL's {@code utm_*} parameters as fallback. */
public final class Utm {
    private Utm() {
    }

    public static Campaign resolve(Campaign fromContext, String pageUrl) {
        Campaign fromContextOrEmpty = fromContext == null ? Campaign.EMPTY : fromContext;
        Map<String, String> query = UrlParts.parse(pageUrl).queryParameters();
        Campaign fromUrl = new Campaign(
                blankToNull(query.get("utm_source")), blankToNull(query.get("utm_medium")),
                blankToNull(query.get("utm_campaign")), blankToNull(query.get("utm_term")),
                blankToNull(query.get("utm_content")));
        return fromContextOrEmpty.orElse(fromUrl);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
