package app.tax.analytics.domain.traffic;

import app.tax.analytics.domain.event.Campaign;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Classifies a visit's channel from its referrer and UTM parameters, table-driven: paid markers in
 * {@code utm_medium} first, then e-mail, then the referrer's domain against known search engines and
 * social networks; a referrer on the page's own host is a self-referral and counts as direct.
 */
public final class ChannelClassifier {
    private static final Set<String> PAID_MEDIUMS = Set.of("cpc", "ppc", "paid", "paidsearch", "paid_search",
            "paid-search", "cpm", "cpv", "cpa", "display", "banner", "paid_social", "paid-social", "paidsocial", "retargeting");
    private static final Set<String> EMAIL_MEDIUMS = Set.of("email", "e-mail", "e_mail", "newsletter", "mail");
    private static final Set<String> SOCIAL_MEDIUMS = Set.of("social", "social-network", "social_network", "social-media",
            "social_media", "sm", "social network", "social media");
    private static final Set<String> SEARCH_MEDIUMS = Set.of("organic", "search");
    /** Second-level labels of search engines (google.com, google.co.ke, bing.com, ...). */
    private static final Set<String> SEARCH_ENGINES = Set.of("google", "bing", "yahoo", "duckduckgo", "baidu",
            "yandex", "ecosia", "qwant", "startpage", "naver", "seznam", "brave", "search", "ask", "aol", "sogou");
    private static final Set<String> SOCIAL_DOMAINS = Set.of("facebook.com", "m.facebook.com", "l.facebook.com",
            "lm.facebook.com", "fb.com", "instagram.com", "l.instagram.com", "t.co", "twitter.com", "x.com",
            "linkedin.com", "lnkd.in", "reddit.com", "old.reddit.com", "pinterest.com", "tiktok.com",
            "youtube.com", "m.youtube.com", "whatsapp.com", "web.whatsapp.com", "wa.me", "telegram.org", "t.me",
            "snapchat.com", "threads.net", "mastodon.social", "news.ycombinator.com", "quora.com", "vk.com");
    /** utm_source values that name a social network without its domain ("facebook", not "facebook.com"). */
    private static final Set<String> SOCIAL_SOURCE_NAMES = Set.of("facebook", "fb", "instagram", "ig", "twitter",
            "linkedin", "reddit", "pinterest", "tiktok", "youtube", "whatsapp", "telegram", "snapchat", "threads",
            "mastodon", "quora", "vk");
    /** Sub-domains of search engines that are not search: sign-in, documents, stores ("accounts.google.com"). */
    private static final Set<String> NOT_SEARCH_SUBDOMAINS = Set.of("mail", "accounts", "myaccount", "docs", "drive",
            "sites", "play", "support", "calendar", "meet", "photos", "ads", "analytics", "developers", "cloud", "login");
    /** Second-level labels under a country code: google.co.ke, google.com.br, yahoo.co.jp. */
    private static final Set<String> COUNTRY_SECOND_LEVELS = Set.of("co", "com", "net", "org", "ac", "or", "ne", "go", "gov", "edu");
    /** Android apps as referrers ({@code android-app://<package>/}). */
    private static final Set<String> SEARCH_APPS = Set.of("com.google.android.googlequicksearchbox");
    private static final List<String> EMAIL_DOMAIN_MARKERS = List.of("mail.google.com", "outlook.live.com",
            "outlook.office.com", "outlook.office365.com", "mail.yahoo.com", "mail.proton.me", "com.google.android.gm");

    private ChannelClassifier() {
    }

    /**
     * @param referrerUrl the referrer (may be null)
     * @param pageHost    the page's host, to spot self-referrals (may be null)
     * @param campaign    resolved UTM parameters
     */
    public static TrafficSource classify(String referrerUrl, String pageHost, Campaign campaign) {
        UrlParts referrer = UrlParts.parse(referrerUrl);
        String domain = referrer.domain();
        if (domain != null && pageHost != null && sameSite(domain, pageHost)) {
            domain = null;
        }
        String medium = campaign == null || campaign.medium() == null ? "" : campaign.medium().toLowerCase(Locale.ROOT).strip();
        String utmSource = campaign == null || campaign.source() == null ? "" : campaign.source().toLowerCase(Locale.ROOT).strip();
        Channel channel;
        if (PAID_MEDIUMS.contains(medium) || medium.startsWith("paid")) {
            channel = Channel.PAID;
        } else if (EMAIL_MEDIUMS.contains(medium) || EMAIL_MEDIUMS.contains(utmSource) || isWebmail(referrer.host())) {
            channel = Channel.EMAIL;
        } else if (SOCIAL_MEDIUMS.contains(medium) || isSocial(domain) || isSocial(utmSource)
                || SOCIAL_SOURCE_NAMES.contains(utmSource)) {
            channel = Channel.SOCIAL;
        } else if (SEARCH_MEDIUMS.contains(medium) || isSearchEngine(domain) || SEARCH_ENGINES.contains(utmSource)) {
            channel = Channel.SEARCH;
        } else if (domain != null || !utmSource.isEmpty() || !medium.isEmpty()) {
            // Tagged traffic (any utm_source or utm_medium) is never "direct".
            channel = Channel.REFERRAL;
        } else {
            channel = Channel.DIRECT;
        }
        return new TrafficSource(domain, channel);
    }

    /**
     * Whether the engine's name is the registrable label (google.com, google.co.ke, cn.bing.com) and the
     * sub-domain is not a non-search service; "google.example.org" or "accounts.google.com" are not search.
     */
    static boolean isSearchEngine(String domain) {
        if (domain == null || domain.isEmpty()) {
            return false;
        }
        if (SEARCH_APPS.contains(domain)) {
            return true;
        }
        String[] labels = domain.split("\\.");
        int n = labels.length;
        int registrable = n >= 3 && labels[n - 1].length() == 2 && COUNTRY_SECOND_LEVELS.contains(labels[n - 2]) ? n - 3 : n - 2;
        if (registrable < 0 || !SEARCH_ENGINES.contains(labels[registrable])) {
            return false;
        }
        return registrable == 0 || !NOT_SEARCH_SUBDOMAINS.contains(labels[0]);
    }

    /** The domain or any parent domain of it is a social network (m.facebook.com, l.instagram.com, a.b.reddit.com). */
    static boolean isSocial(String domain) {
        if (domain == null || domain.isEmpty()) {
            return false;
        }
        for (String suffix = domain; ; suffix = suffix.substring(suffix.indexOf('.') + 1)) {
            if (SOCIAL_DOMAINS.contains(suffix)) {
                return true;
            }
            if (suffix.indexOf('.') < 0) {
                return false;
            }
        }
    }

    private static boolean isWebmail(String host) {
        return host != null && EMAIL_DOMAIN_MARKERS.stream().anyMatch(host::equals);
    }

    private static boolean sameSite(String referrerDomain, String pageHost) {
        String page = pageHost.toLowerCase(Locale.ROOT);
        page = page.startsWith("www.") ? page.substring(4) : page;
        return referrerDomain.equals(page);
    }
}
