package app.tax.analytics.adapters.useragent;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.adapters.useragent.BotSignatures.Kind;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules on their own, without Yauaa: what each table row catches, and what it must not. */
class BotSignaturesTest {

    static Stream<Arguments> flagged() {
        return Stream.of(
            Arguments.of("", Kind.MALFORMED),
            Arguments.of("   \t ", Kind.MALFORMED),
            Arguments.of("x", Kind.MALFORMED),
            Arguments.of("Wget/1.21", Kind.MALFORMED),
            Arguments.of("1234567890.123", Kind.MALFORMED),
            Arguments.of("()/;.-_ 12 34 56", Kind.MALFORMED),
            Arguments.of("Mozilla/5.0 (Windows NT 10.0)\u0000\u0007", Kind.MALFORMED),
            Arguments.of("Mozilla/5.0 (X11; Linux x86_64) " + "A".repeat(BotSignatures.MAX_LENGTH), Kind.MALFORMED),
            Arguments.of("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", Kind.HEADLESS_BROWSER),
            Arguments.of("Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1", Kind.HEADLESS_BROWSER),
            Arguments.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Puppeteer", Kind.HEADLESS_BROWSER),
            Arguments.of("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Playwright/1.49", Kind.HEADLESS_BROWSER),
            Arguments.of("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.243 Electron/30.0.6 Safari/537.36", Kind.HEADLESS_BROWSER),
            Arguments.of("Mozilla/5.0 (linux) AppleWebKit/537.36 (KHTML, like Gecko) jsdom/22.1.0", Kind.HEADLESS_BROWSER),
            Arguments.of("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Cypress/13.6.0", Kind.HEADLESS_BROWSER),
            Arguments.of("curl/8.5.0", Kind.HTTP_LIBRARY),
            Arguments.of("Wget/1.21.4", Kind.HTTP_LIBRARY),
            Arguments.of("python-requests/2.32.3", Kind.HTTP_LIBRARY),
            Arguments.of("Go-http-client/2.0", Kind.HTTP_LIBRARY),
            Arguments.of("Java/17.0.9", Kind.HTTP_LIBRARY),
            Arguments.of("okhttp/4.12.0", Kind.HTTP_LIBRARY),
            Arguments.of("axios/1.7.9", Kind.HTTP_LIBRARY),
            Arguments.of("node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", Kind.HTTP_LIBRARY),
            Arguments.of("Apache-HttpClient/4.5.14 (Java/17.0.9)", Kind.HTTP_LIBRARY),
            Arguments.of("PostmanRuntime/7.43.0", Kind.HTTP_LIBRARY),
            Arguments.of("  Mozilla/5.0 ", Kind.HTTP_LIBRARY),
            Arguments.of("Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse", Kind.MONITORING),
            Arguments.of("Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)", Kind.MONITORING),
            Arguments.of("Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)", Kind.MONITORING),
            Arguments.of("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 GTmetrix", Kind.MONITORING),
            Arguments.of("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", Kind.LINK_PREVIEW),
            Arguments.of("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", Kind.LINK_PREVIEW),
            Arguments.of("WhatsApp/2.23.20.0", Kind.LINK_PREVIEW),
            Arguments.of("TelegramBot (like TwitterBot)", Kind.LINK_PREVIEW),
            Arguments.of("Mozilla/5.0 (compatible; SomeNewBot/0.1; +https://example.org/bot)", Kind.CRAWLER),
            Arguments.of("Mozilla/5.0 (compatible; ExampleCrawler/2.0)", Kind.CRAWLER));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("flagged")
    void flagsWithTheRowThatMatches(String userAgent, Kind expected) {
        assertThat(BotSignatures.match(userAgent)).contains(expected);
    }

    static Stream<String> people() {
        return Stream.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 11; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/432.0.0.29.102;]",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 WhatsApp/2.24.1",
            "Dalvik/2.1.0 (Linux; U; Android 13; Pixel 7 Build/TQ3A.230805.001)",
            "TaxApp/3.1.0 (iPhone; iOS 17.5; Scale/3.00)",
            "Opera/9.80 (J2ME/MIDP; Opera Mini/9.80 (S60; SymbOS; Opera Mobi/23.348; U; en) Presto/2.5.25 Version/10.54");
    }

    @ParameterizedTest
    @MethodSource("people")
    void leavesBrowsersAndAppsAlone(String userAgent) {
        assertThat(BotSignatures.match(userAgent)).isEmpty();
    }
}
