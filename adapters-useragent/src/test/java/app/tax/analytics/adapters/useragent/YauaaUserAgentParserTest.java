package app.tax.analytics.adapters.useragent;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.port.out.UserAgentParser;
import app.tax.analytics.domain.enrich.DeviceInfo;
import app.tax.analytics.domain.enrich.DeviceType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Real user agents through the shared parser (built once for the class: it takes seconds). */
class YauaaUserAgentParserTest {
    private static final UserAgentParser PARSER = UserAgents.yauaa();

    private static DeviceInfo person(String browser, String browserVersion, String os, String osVersion,
                                     DeviceType deviceType) {
        return new DeviceInfo(browser, browserVersion, os, osVersion, deviceType, false);
    }

    static Stream<Arguments> people() {
        return Stream.of(
            Arguments.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                // Chrome freezes "Windows NT 10.0" for Windows 10 and 11 alike: no OS version.
                person("Chrome", "131", "Windows", null, DeviceType.DESKTOP)),
            Arguments.of("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15",
                person("Safari", "17", "macOS", null, DeviceType.DESKTOP)),
            Arguments.of("Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
                person("Safari", "17", "iOS", "17", DeviceType.MOBILE)),
            Arguments.of("Mozilla/5.0 (iPad; CPU OS 16_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
                person("Safari", "16", "iOS", "16", DeviceType.TABLET)),
            Arguments.of("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
                person("Chrome", "131", "iOS", "18", DeviceType.MOBILE)),
            Arguments.of("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
                person("Chrome", "131", "Android", null, DeviceType.MOBILE)),
            Arguments.of("Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.230 Safari/537.36",
                person("Chrome", "120", "Android", "13", DeviceType.TABLET)),
            Arguments.of("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
                person("Samsung Internet", "25", "Android", "14", DeviceType.MOBILE)),
            Arguments.of("Mozilla/5.0 (Linux; Android 12; SM-A135F Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.122 Mobile Safari/537.36",
                person("Chrome Webview", "126", "Android", "12", DeviceType.MOBILE)),
            Arguments.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
                // Firefox says only ">=10": no OS version either, consistent with Chrome.
                person("Firefox", "133", "Windows", null, DeviceType.DESKTOP)),
            Arguments.of("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
                person("Firefox", "128", "Linux", null, DeviceType.DESKTOP)),
            Arguments.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86",
                person("Edge", "131", "Windows", null, DeviceType.DESKTOP)),
            Arguments.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0",
                person("Opera", "115", "Windows", null, DeviceType.DESKTOP)),
            Arguments.of("Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0)",
                person("Internet Explorer", "9", "Windows", "7", DeviceType.DESKTOP)),
            Arguments.of("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                person("Chrome", "131", "Chrome OS", "131", DeviceType.DESKTOP)),
            Arguments.of("Mozilla/5.0 (Linux; Android 9; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/131.2.3 like Chrome/131.0.6778.135 Safari/537.36",
                person("Silk", "131", "FireOS", "7", DeviceType.TABLET)),
            Arguments.of("Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 Chrome/76.0.3809.146 TV Safari/537.36",
                person("Samsung Internet", "4", "Tizen", "6", DeviceType.TV)),
            Arguments.of("Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko)",
                person("AppleWebKit", "605", "PS5 OS", "2", DeviceType.CONSOLE)),
            Arguments.of("Opera/9.80 (J2ME/MIDP; Opera Mini/9.80 (S60; SymbOS; Opera Mobi/23.348; U; en) Presto/2.5.25 Version/10.54",
                person("Opera Mini", "9", null, null, DeviceType.MOBILE)),
            // Segment's Android library reports the system's Dalvik agent for real app users.
            Arguments.of("Dalvik/2.1.0 (Linux; U; Android 13; Pixel 7 Build/TQ3A.230805.001)",
                person(null, null, "Android", "13", DeviceType.MOBILE)),
            Arguments.of("TaxApp/3.1.0 (iPhone; iOS 17.5; Scale/3.00)",
                person("TaxApp", "3", "iOS", "17", DeviceType.MOBILE)));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("people")
    void browsersAndAppsOfPeople(String userAgent, DeviceInfo expected) {
        assertThat(PARSER.parse(userAgent)).isEqualTo(expected);
    }

    static Stream<Arguments> bots() {
        return Stream.of(
            // Yauaa's own robot classes.
            Arguments.of("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "Googlebot"),
            Arguments.of("Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.204 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "Googlebot"),
            Arguments.of("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "Bingbot"),
            Arguments.of("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)", "GPTBot"),
            Arguments.of("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", "Chrome"),
            Arguments.of("Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1", "PhantomJS"),
            Arguments.of("curl/8.5.0", "Curl"),
            Arguments.of("Wget/1.21.4", "Wget"),
            Arguments.of("python-requests/2.32.3", "Python-Requests"),
            Arguments.of("Go-http-client/2.0", "Go http client"),
            Arguments.of("Java/17.0.9", "Java"),
            Arguments.of("okhttp/4.12.0", "Okhttp"),
            Arguments.of("axios/1.7.9", "Axios"),
            Arguments.of("Apache-HttpClient/4.5.14 (Java/17.0.9)", "Apache-HttpClient"),
            Arguments.of("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "Facebookexternalhit"),
            Arguments.of("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "Slackbot-LinkExpanding"),
            Arguments.of("Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)", "UptimeRobot"),
            // Only the project's rules catch these: Yauaa sees a browser or an app.
            Arguments.of("Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse", "Chrome"),
            Arguments.of("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 GTmetrix", "Chrome"),
            Arguments.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Puppeteer", "Chrome"),
            Arguments.of("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.243 Electron/30.0.6 Safari/537.36", "Electron app"),
            Arguments.of("Mozilla/5.0 (linux) AppleWebKit/537.36 (KHTML, like Gecko) jsdom/22.1.0", "Jsdom"),
            Arguments.of("WhatsApp/2.23.20.0", "WhatsApp"),
            Arguments.of("Mozilla/5.0", "Netscape"),
            // Garbage: Yauaa calls it "Hacker", which is no browser name.
            Arguments.of("' OR 1=1 --", null),
            Arguments.of("<script>alert(1)</script>", null));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("bots")
    void botsAreFlaggedAndKeepTheirName(String userAgent, String expectedBrowser) {
        DeviceInfo device = PARSER.parse(userAgent);
        assertThat(device.bot()).isTrue();
        assertThat(device.deviceType()).isEqualTo(DeviceType.BOT);
        assertThat(device.browser()).isEqualTo(expectedBrowser);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "x", "12345", "???///", "1234567890.123", "Mozilla/5.0 (Windows NT 10.0)\u0000"})
    void emptyAndGarbageUserAgentsAreBotsWithNothingElseKnown(String userAgent) {
        assertThat(PARSER.parse(userAgent)).isEqualTo(DeviceInfo.UNKNOWN.asBot());
    }

    @Test
    void overlongUserAgentIsABotAndIsNotParsed() {
        String userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 " + "(KHTML, like Gecko) ".repeat(100);
        assertThat(PARSER.parse(userAgent)).isEqualTo(DeviceInfo.UNKNOWN.asBot());
    }

    /**
     * What mobile apps' HTTP stacks send when the library puts no user agent in the context: Android's
     * Dalvik (analytics-android), iOS's CFNetwork (URLSession, analytics-swift and -ios). A person's phone,
     * not a bot; the context then fills what they leave out (docs/STATS.md, "Mobile apps"). A bare
     * {@code okhttp/4.x} stays a bot: scripts send it too, and Segment's libraries send their own name.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8 Build/UQ1A.240205.004)",
        "Tax/310 CFNetwork/1490.0.4 Darwin/23.2.0"})
    void mobileAppUserAgentsAreNoBots(String userAgent) {
        assertThat(PARSER.parse(userAgent).bot()).as(PARSER.parse(userAgent).toString()).isFalse();
    }

    @Test
    void missingUserAgentIsUnknownButNotABot() {
        assertThat(PARSER.parse(null)).isEqualTo(DeviceInfo.UNKNOWN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"analytics-python/2.3.3", "analytics-ruby/2.4.0", "analytics-java/3.5.1",
        "analytics-go (version: 3.0.0)", "analytics-node-next/latest", "analytics-php/3.7.0", "analytics-kotlin/1.24.1",
        "analytics-swift/1.5.0"})
    void segmentServerLibrariesCountAsAMissingUserAgent(String userAgent) {
        assertThat(PARSER.parse(userAgent)).isEqualTo(DeviceInfo.UNKNOWN);
    }

    @Test
    void surroundingWhitespaceDoesNotChangeTheResult() {
        String chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        assertThat(PARSER.parse("  " + chrome + "\n")).isEqualTo(PARSER.parse(chrome));
    }

    @Test
    void theParserIsSharedAndGivesTheSameAnswersFromManyThreads() throws Exception {
        assertThat(UserAgents.yauaa()).isSameAs(PARSER);
        List<Arguments> cases = Stream.concat(people(), bots()).collect(Collectors.toList());
        List<DeviceInfo> expected = new ArrayList<>();
        for (Arguments arguments : cases) {
            expected.add(PARSER.parse((String) arguments.get()[0]));
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<DeviceInfo>>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tasks.add(() -> cases.stream().map(c -> PARSER.parse((String) c.get()[0])).collect(Collectors.toList()));
            }
            for (Future<List<DeviceInfo>> result : threads.invokeAll(tasks)) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
