package app.tax.analytics.adapters.useragent;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Traffic-quality rules applied on top of Yauaa's robot classes, from the user agent text alone:
 * malformed user agents, headless and automated browsers, HTTP libraries and command-line tools,
 * uptime and performance monitors, link-preview fetchers and generic crawler markers. Yauaa already
 * knows most crawlers; these catch what it reports as an ordinary browser (HeadlessChrome as plain
 * Chrome on Linux, Lighthouse as a phone, Electron and jsdom as desktop apps, WhatsApp's preview
 * fetcher as "Special").
 */
final class BotSignatures {
    /** Longer than any real browser's (~250 characters with every extension); also caps parsing cost. */
    static final int MAX_LENGTH = 512;
    /** Shorter than any browser's or SDK's: "Wget/1.21" is nine characters. */
    static final int MIN_LENGTH = 10;

    enum Kind {
        MALFORMED, HEADLESS_BROWSER, HTTP_LIBRARY, MONITORING, LINK_PREVIEW, CRAWLER
    }

    /** Where the token must appear in the lower-cased user agent. */
    private enum Position {
        START, ANYWHERE, WHOLE
    }

    private record Signature(Kind kind, Position position, String token) {
        boolean matches(String lowerCaseUserAgent) {
            return switch (position) {
                case START -> lowerCaseUserAgent.startsWith(token);
                case WHOLE -> lowerCaseUserAgent.equals(token);
                case ANYWHERE -> lowerCaseUserAgent.contains(token);
            };
        }
    }

    private static final List<Signature> SIGNATURES = List.of(
        // Headless and automated browsers. Electron is here because its default user agent is what
        // Electron-based scrapers (Nightmare and the like) send; a tax web app is not loaded in an
        // Electron shell by its users.
        anywhere(Kind.HEADLESS_BROWSER, "headlesschrome"),
        anywhere(Kind.HEADLESS_BROWSER, "phantomjs"),
        anywhere(Kind.HEADLESS_BROWSER, "slimerjs"),
        anywhere(Kind.HEADLESS_BROWSER, "puppeteer"),
        anywhere(Kind.HEADLESS_BROWSER, "playwright"),
        anywhere(Kind.HEADLESS_BROWSER, "electron/"),
        anywhere(Kind.HEADLESS_BROWSER, "nightmare"),
        anywhere(Kind.HEADLESS_BROWSER, "jsdom/"),
        anywhere(Kind.HEADLESS_BROWSER, "htmlunit"),
        anywhere(Kind.HEADLESS_BROWSER, "selenium"),
        anywhere(Kind.HEADLESS_BROWSER, "webdriver"),
        anywhere(Kind.HEADLESS_BROWSER, "cypress/"),

        // HTTP libraries and command-line tools, which name themselves first. Not Dalvik (Android's
        // own user agent, which Segment's Android library reports for real app users) and not
        // Segment's server libraries (see YauaaUserAgentParser).
        start(Kind.HTTP_LIBRARY, "curl/"),
        start(Kind.HTTP_LIBRARY, "wget/"),
        start(Kind.HTTP_LIBRARY, "python-requests/"),
        start(Kind.HTTP_LIBRARY, "python-urllib/"),
        start(Kind.HTTP_LIBRARY, "python-httpx/"),
        start(Kind.HTTP_LIBRARY, "aiohttp/"),
        start(Kind.HTTP_LIBRARY, "scrapy/"),
        start(Kind.HTTP_LIBRARY, "go-http-client/"),
        start(Kind.HTTP_LIBRARY, "java/"),
        start(Kind.HTTP_LIBRARY, "okhttp/"),
        start(Kind.HTTP_LIBRARY, "apache-httpclient/"),
        start(Kind.HTTP_LIBRARY, "jakarta commons-httpclient/"),
        start(Kind.HTTP_LIBRARY, "axios/"),
        start(Kind.HTTP_LIBRARY, "node-fetch/"),
        start(Kind.HTTP_LIBRARY, "undici"),
        start(Kind.HTTP_LIBRARY, "got ("),
        start(Kind.HTTP_LIBRARY, "libwww-perl/"),
        start(Kind.HTTP_LIBRARY, "guzzlehttp/"),
        start(Kind.HTTP_LIBRARY, "postmanruntime/"),
        start(Kind.HTTP_LIBRARY, "insomnia/"),
        start(Kind.HTTP_LIBRARY, "httpie/"),
        start(Kind.HTTP_LIBRARY, "reqwest/"),
        // A bare product token: scripts send it, browsers always add a platform.
        whole(Kind.HTTP_LIBRARY, "mozilla/5.0"),
        whole(Kind.HTTP_LIBRARY, "mozilla/4.0"),

        // Uptime and performance monitors.
        anywhere(Kind.MONITORING, "lighthouse"),
        anywhere(Kind.MONITORING, "pagespeed"),
        anywhere(Kind.MONITORING, "pingdom"),
        anywhere(Kind.MONITORING, "uptimerobot"),
        anywhere(Kind.MONITORING, "gtmetrix"),
        anywhere(Kind.MONITORING, "statuscake"),
        anywhere(Kind.MONITORING, "site24x7"),
        anywhere(Kind.MONITORING, "newrelicpinger"),
        anywhere(Kind.MONITORING, "datadog"),
        anywhere(Kind.MONITORING, "checkly"),

        // Link-preview fetchers of chat and social apps (their in-app browsers send other agents).
        anywhere(Kind.LINK_PREVIEW, "facebookexternalhit"),
        anywhere(Kind.LINK_PREVIEW, "facebookcatalog"),
        anywhere(Kind.LINK_PREVIEW, "slackbot"),
        start(Kind.LINK_PREVIEW, "whatsapp/"),
        anywhere(Kind.LINK_PREVIEW, "telegrambot"),
        anywhere(Kind.LINK_PREVIEW, "twitterbot"),
        anywhere(Kind.LINK_PREVIEW, "linkedinbot"),
        anywhere(Kind.LINK_PREVIEW, "discordbot"),
        anywhere(Kind.LINK_PREVIEW, "skypeuripreview"),

        // Generic crawler markers. "+http" is the contact link crawlers add; browsers never do.
        anywhere(Kind.CRAWLER, "+http"),
        anywhere(Kind.CRAWLER, "crawler"),
        anywhere(Kind.CRAWLER, "spider"));

    private BotSignatures() {
    }

    /** Why this (non-null) user agent is a bot by these rules, or empty when none applies. */
    static Optional<Kind> match(String userAgent) {
        if (isMalformed(userAgent)) {
            return Optional.of(Kind.MALFORMED);
        }
        String lowerCase = userAgent.strip().toLowerCase(Locale.ROOT);
        for (Signature signature : SIGNATURES) {
            if (signature.matches(lowerCase)) {
                return Optional.of(signature.kind());
            }
        }
        return Optional.empty();
    }

    /**
     * Blank, too short, too long, without a single letter, or with control characters: no browser
     * or SDK sends that, scripts and fuzzers do. Checked before Yauaa so such input costs nothing.
     */
    static boolean isMalformed(String userAgent) {
        String text = userAgent.strip();
        return text.length() < MIN_LENGTH
            || text.length() > MAX_LENGTH
            || text.chars().noneMatch(Character::isLetter)
            || text.chars().anyMatch(Character::isISOControl);
    }

    private static Signature start(Kind kind, String token) {
        return new Signature(kind, Position.START, token);
    }

    private static Signature anywhere(Kind kind, String token) {
        return new Signature(kind, Position.ANYWHERE, token);
    }

    private static Signature whole(Kind kind, String token) {
        return new Signature(kind, Position.WHOLE, token);
    }
}
