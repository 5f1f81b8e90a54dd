package app.tax.analytics.domain.traffic;

import java.util.Locale;
import java.util.Set;

/**
 * Referrer spam: sites that send fake visits (or only fake {@code Referer} headers) so that their name shows
 * up in analytics reports. An event whose referrer is one of these domains, or a sub-domain of one, is bot
 * traffic. A curated list of long-running offenders; a domain is added here when it shows up in reports.
 */
public final class ReferrerSpam {
    static final Set<String> SPAM_DOMAINS = Set.of(
            "semalt.com", "semalt.semalt.com", "buttons-for-website.com", "buttons-for-your-website.com",
            "darodar.com", "ilovevitaly.com", "ilovevitaly.ru", "priceg.com", "hulfingtonpost.com",
            "best-seo-offer.com", "best-seo-solution.com", "free-share-buttons.com", "get-free-traffic-now.com",
            "blackhatworth.com", "social-buttons.com", "simple-share-buttons.com", "7makemoneyonline.com",
            "100dollars-seo.com", "4webmasters.org", "trafficmonetize.org", "floating-share-buttons.com",
            "free-social-buttons.com", "event-tracking.com", "webmonetizer.net", "o-o-6-o-o.com",
            "savetubevideo.com", "kambasoft.com", "econom.co", "ranksonic.info", "site-auditor.online",
            "rank-checker.online", "googlsucks.com", "theguardlan.com", "torture.ml", "makemoneyonline.com");

    private ReferrerSpam() {
    }

    /**
     * @param referrerHost the referrer's host name (may be null, a {@code www.} is ignored like any sub-domain)
     */
    public static boolean isSpam(String referrerHost) {
        if (referrerHost == null || referrerHost.isBlank()) {
            return false;
        }
        String domain = referrerHost.strip().toLowerCase(Locale.ROOT);
        // a trailing dot (fully qualified name) names the same host
        domain = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        for (String suffix = domain; ; suffix = suffix.substring(suffix.indexOf('.') + 1)) {
            if (SPAM_DOMAINS.contains(suffix)) {
                return true;
            }
            if (suffix.indexOf('.') < 0) {
                return false;
            }
        }
    }
}
