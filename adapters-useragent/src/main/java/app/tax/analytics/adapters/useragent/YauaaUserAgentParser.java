package app.tax.analytics.adapters.useragent;

import app.tax.analytics.application.port.out.UserAgentParser;
import app.tax.analytics.domain.enrich.DeviceInfo;
import app.tax.analytics.domain.enrich.DeviceType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

/**
 * Browser, OS, device class and robot classes from Yauaa, then {@link BotSignatures} for what Yauaa
 * takes for a browser. Yauaa is maintained, rule-based (no regex list to keep current by hand),
 * knows crawlers, and reports malformed input as "Hacker" instead of failing.
 *
 * <p>Null and empty are not the same here. Segment's server-side libraries send events without the
 * end user's user agent, so a missing one says nothing about the visitor: null gives
 * {@link DeviceInfo#UNKNOWN}, not a bot. A browser always sends one, so a present but empty, blank
 * or garbage string is a script: a bot. For the same reason the libraries' own user agents (which
 * the collector takes from the request when the event has none) count as missing, not as a visitor.
 */
final class YauaaUserAgentParser implements UserAgentParser {
    /** Distinct user agents remembered; a day of a mid-size site's traffic has a few thousand. */
    private static final int CACHE_SIZE = 10_000;

    private static final Map<String, DeviceType> DEVICE_TYPES = Map.ofEntries(
        Map.entry("Desktop", DeviceType.DESKTOP),
        Map.entry("Phone", DeviceType.MOBILE),
        Map.entry("Mobile", DeviceType.MOBILE),
        Map.entry("Tablet", DeviceType.TABLET),
        Map.entry("eReader", DeviceType.TABLET),
        Map.entry("TV", DeviceType.TV),
        Map.entry("Set-top box", DeviceType.TV),
        Map.entry("Game Console", DeviceType.CONSOLE),
        Map.entry("Handheld Game Console", DeviceType.CONSOLE),
        Map.entry("Watch", DeviceType.WEARABLE),
        Map.entry("Augmented Reality", DeviceType.WEARABLE),
        Map.entry("Virtual Reality", DeviceType.WEARABLE),
        // Privacy tools that blank the device out: a person with an unknown device, not a bot.
        Map.entry("Anonymized", DeviceType.UNKNOWN),
        Map.entry("Unknown", DeviceType.UNKNOWN));

    /** Yauaa DeviceClass values that mean software rather than a person's device. */
    private static final Set<String> ROBOT_DEVICE_CLASSES =
        Set.of("Robot", "Robot Mobile", "Robot Imitator", "Spy", "Hacker", "Cloud");
    /** Yauaa AgentClass values that mean the same; "Special" (apps Yauaa cannot place) is not one. */
    private static final Set<String> ROBOT_AGENT_CLASSES =
        Set.of("Robot", "Robot Mobile", "Cloud Application", "Hacker", "Testclient", "Server");

    /** Yauaa's placeholders for "not known"; versions may also read ">=10" when only a floor is known. */
    private static final Set<String> UNKNOWN_VALUES = Set.of("", "Unknown", "??", "Hacker");
    /** Names as people know them, where Yauaa reports the token. */
    private static final Map<String, String> BROWSER_NAMES = Map.of("SamsungBrowser", "Samsung Internet");
    private static final Map<String, String> OS_NAMES =
        Map.of("Windows NT", "Windows", "Mac OS", "macOS", "Mac OS X", "macOS");

    /**
     * User agents of Segment's server-side libraries (analytics-node covers analytics-node-next) and the
     * HTTP client names of its mobile libraries (analytics-kotlin sends {@code analytics-kotlin/<version>}
     * on every upload; the app's own user agent, when there is one, is in the event's context).
     */
    private static final List<String> SEGMENT_SERVER_LIBRARIES = List.of(
        "analytics-node", "analytics-python/", "analytics-ruby/", "analytics-java/", "analytics-go", "analytics-php/",
        "analytics-kotlin/", "analytics-swift/", "analytics-android/", "analytics-ios/");

    private final UserAgentAnalyzer analyzer;

    YauaaUserAgentParser() {
        analyzer = UserAgentAnalyzer.newBuilder()
            // Only the fields used: Yauaa then loads and evaluates only the rules that feed them.
            .withFields(UserAgent.AGENT_NAME, UserAgent.AGENT_VERSION_MAJOR, UserAgent.OPERATING_SYSTEM_NAME,
                UserAgent.OPERATING_SYSTEM_VERSION_MAJOR, UserAgent.DEVICE_CLASS, UserAgent.AGENT_CLASS)
            .withCache(CACHE_SIZE)
            .withUserAgentMaxLength(BotSignatures.MAX_LENGTH)
            .hideMatcherLoadStats()
            // Pay the seconds of rule loading now, at startup, not on the first event.
            .immediateInitialization()
            .build();
    }

    @Override
    public DeviceInfo parse(String userAgent) {
        if (userAgent == null || isSegmentServerLibrary(userAgent)) {
            return DeviceInfo.UNKNOWN;
        }
        Optional<BotSignatures.Kind> botSignature = BotSignatures.match(userAgent);
        if (botSignature.isPresent() && botSignature.get() == BotSignatures.Kind.MALFORMED) {
            return DeviceInfo.UNKNOWN.asBot();
        }
        UserAgent parsed = analyzer.parse(userAgent.strip());
        String deviceClass = parsed.getValue(UserAgent.DEVICE_CLASS);
        DeviceInfo device = new DeviceInfo(
            known(parsed.getValue(UserAgent.AGENT_NAME), BROWSER_NAMES),
            knownVersion(parsed.getValue(UserAgent.AGENT_VERSION_MAJOR)),
            known(parsed.getValue(UserAgent.OPERATING_SYSTEM_NAME), OS_NAMES),
            knownVersion(parsed.getValue(UserAgent.OPERATING_SYSTEM_VERSION_MAJOR)),
            DEVICE_TYPES.getOrDefault(deviceClass, DeviceType.OTHER),
            false);
        boolean robot = ROBOT_DEVICE_CLASSES.contains(deviceClass)
            || ROBOT_AGENT_CLASSES.contains(parsed.getValue(UserAgent.AGENT_CLASS))
            || botSignature.isPresent();
        return robot ? device.asBot() : device;
    }

    private static boolean isSegmentServerLibrary(String userAgent) {
        String lowerCase = userAgent.strip().toLowerCase(Locale.ROOT);
        return SEGMENT_SERVER_LIBRARIES.stream().anyMatch(lowerCase::startsWith);
    }

    private static String known(String value, Map<String, String> displayNames) {
        return value == null || UNKNOWN_VALUES.contains(value) ? null : displayNames.getOrDefault(value, value);
    }

    private static String knownVersion(String value) {
        return value == null || value.startsWith(">=") ? null : known(value, Map.of());
    }
}
