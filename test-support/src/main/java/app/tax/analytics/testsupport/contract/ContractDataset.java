package app.tax.analytics.testsupport.contract;

import app.tax.analytics.domain.enrich.DeviceInfo;
import app.tax.analytics.domain.enrich.DeviceType;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.enrich.GeoLocation;
import app.tax.analytics.domain.event.Campaign;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventContext;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.event.PageInfo;
import app.tax.analytics.domain.traffic.Channel;
import app.tax.analytics.domain.traffic.TrafficSource;
import app.tax.analytics.domain.traffic.UrlParts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fixed dataset of the store contract (docs/STATS.md), already enriched as the processor would have
 * it: every column is spelled out, so the expected numbers depend on the stores only. All times UTC.
 *
 * <pre>
 * source "web" (visitor = anonymousId, else userId)                               session  pv tr  length
 *  A anon-a/user-a  KE Nairobi County/Nairobi  Chrome Windows desktop
 *     a1-1 03-09 10:00:00 page  /         google.com search  props {"ab test":"A"}     a1    3  1   420 s
 *     a1-2       10:02:00 page  /pricing  google.com search
 *     a1-3       10:05:30 track "Signup Clicked" on /pricing  {"plan":"pro","step":2}
 *     a1-4       10:07:00 page  /signup
 *     a2-1       11:00:00 page  /docs     direct (gap of 53 min: new session)          a2    2  0   600 s
 *     a2-2       11:10:00 page  /
 *     a3-1 03-12 08:00:00 page  /         direct  (after the main range)               a3
 *  B anon-b  US New York/New York  Safari iOS mobile; utm newsletter/email/spring, channel email
 *     b1-1 03-09 12:00:00 page  /pricing  (the bounce; written again by the retry)     b1    1  0     0 s
 *  C anon-c  DE Berlin/Berlin  Firefox Linux desktop; facebook.com social, utm facebook/social/spring/shoes/ad-1
 *     c1-1 03-09 23:50:00 page  /         (across UTC midnight)                        c1    2  1  1320 s
 *     c1-2 03-10 00:05:00 track "Purchase" on /checkout  {"plan":"basic","amount":10}
 *     c1-3       00:12:00 page  /thanks
 *  D user-d (no anonymousId)  KE Nairobi County/Nairobi  Chrome Android mobile; direct
 *     d1-1 03-09 20:30:00 page  /         (23:30 in Nairobi)                           d1    2  1  2400 s
 *     d1-2       20:45:00 track "Signup Clicked" on /  {"plan":"pro"}  (retried +3 ms)
 *     d1-3       21:10:00 page  /pricing  (00:10 next day in Nairobi)
 *  F anon-f  country unknown  Edge Windows desktop; news.site.org referral, host blog.example.com
 *     f1-1 03-10 09:00:00 page  /post-1   props {"ab test":"B"}                        f1    2  0    40 s
 *     f1-2       09:00:40 page  /post-2   props {"ab test":"B"}
 *  G anon-g  KE (no region/city)  Chrome macOS desktop; direct
 *     g1-1 03-10 14:00:00 track "Video Played" on /docs  {"step":1}  (no page: no entry) g1    0  1     0 s
 *  H anon-h  US California/Los Angeles  Chrome macOS desktop; direct
 *     h1-1 03-11 04:30:00 page  /pricing  (00:30 on 03-11 in New York, after DST began) h1
 *  bot anon-bot (is_bot)  03-10 10:00:00 page /, 10:00:05 page /pricing: never counted
 * source "app"
 *  E anon-e/user-e  e1-1 03-09 15:00:00 screen "Home", e1-2 15:01:00 identify          e1    0  0    60 s
 *  A anon-a/user-a  "a1-1" 03-09 16:00:00 track "App Opened" (same messageId as a web
 *                   event: the key is (source, messageId))                            a-app 0  1     0 s
 * source "mobile" (Segment's mobile libraries: screens, context.app/os/device/network; no user agent, no URL)
 *  M1 anon-m1  app 2.4.0 (240)  Android 14  Google Pixel 8  wifi                   session  views tr length
 *     m1-1 03-09 08:00:00 screen "Home"                                            m1       3    1   300 s
 *     m1-2       08:01:00 screen "Income"
 *     m1-3       08:03:00 track "Return Filed"
 *     m1-4       08:05:00 screen "Done"
 *  M2 anon-m2  app 2.3.1 (231)  iOS 17.4  Apple iPhone15,2  cellular
 *     m2-1       09:00:00 screen "Home"  received 12:00:00 (queued offline: 3 h late) m2a      1    0     0 s
 *     m2-2       13:00:00 screen "Home"                                            m2b      2    0   120 s
 *     m2-3       13:02:00 screen "Income"
 *  M3 anon-m3  app 2.4.0 (241)  Android 13  samsung Galaxy S23  no network info
 *     m3-1       10:00:00 screen, properties.name "Income", received 10:30:00 (30 min: not late)
 *                                                                                  m3       1    0     0 s
 *  Every other mobile event is received 1 s after it happened.
 * </pre>
 * Hosts are example.com unless noted; every event of a session shares its referrer, channel and UTM.
 *
 * <p>Sources of their own keep the funnel and retention visitors out of the numbers above (all times UTC;
 * funnel steps /pricing → "Signed Up" → /welcome within 60 minutes; countries KE for U1-U4, US for the rest):
 * <pre>
 * source "funnel", range [04-01, 04-02)
 *  U1  /pricing 10:00, Signed Up 10:10, /welcome 10:20                      reaches 3
 *  U2  /pricing 10:00, /welcome 10:05, Signed Up 10:30                      reaches 2 (/welcome came too early)
 *  U3  /pricing 10:00, /welcome 10:05                                       reaches 1 (skipped Signed Up)
 *  U4  Signed Up 09:50, /pricing 10:00, /welcome 10:10                      reaches 1 (sign-up before the start)
 *  U5  /pricing 10:00, /pricing 11:20, Signed Up 11:30                      reaches 1 (90 min after the first /pricing)
 *  U6  /pricing 10:00:00 and Signed Up 10:00:00                             reaches 1 (times must increase)
 *  U7  Signed Up 10:00                                                      reaches 0
 *  U8  /pricing 10:00, Signed Up 11:00:00, /welcome 11:00:01                reaches 2 (the window's end is inside)
 *  U9  /pricing 03-31 23:59 (before the range), Signed Up 04-01 00:05       reaches 0
 *  bot /pricing, Signed Up, /welcome at 10:00, 10:01, 10:02                  never counted
 * source "retention" (Mondays: 04-01, 04-08, 04-15)
 *  R1  04-01 12:00, 04-09 12:00
 *  R2  04-02 12:00, 04-16 12:00
 *  R3  04-07 23:30, 04-08 00:30   (Sunday and Monday in UTC; Monday 02:30 and 03:30 in Nairobi)
 *  R4  03-30 12:00, 04-10 12:00
 *  R5  04-15 12:00
 *  bot 04-01 12:00
 * </pre>
 */
public final class ContractDataset {
    public static final String WEB = "web";
    public static final String APP = "app";
    public static final String FUNNEL = "funnel";
    public static final String RETENTION = "retention";
    public static final String MOBILE = "mobile";
    /** The main range, [2024-03-09, 2024-03-11) UTC: every web event but h1-1 and a3-1. */
    public static final Instant FROM = Instant.parse("2024-03-09T00:00:00Z");
    public static final Instant TO = Instant.parse("2024-03-11T00:00:00Z");
    public static final String FIRST_BATCH_TOKEN = "contract-first-batch";
    public static final String RETRY_BATCH_TOKEN = "contract-retry-batch";

    private static final String EXAMPLE = "example.com";
    private static final String BLOG = "blog.example.com";

    private static final Visitor A = new Visitor("anon-a", "user-a", new GeoLocation("KE", "Nairobi County", "Nairobi"),
            new DeviceInfo("Chrome", "122", "Windows", "10", DeviceType.DESKTOP, false),
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0 Safari/537.36",
            "41.90.64.0");
    private static final Visitor B = new Visitor("anon-b", null, new GeoLocation("US", "New York", "New York"),
            new DeviceInfo("Safari", "17", "iOS", "17", DeviceType.MOBILE, false),
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 Version/17.3 Mobile Safari/604.1",
            "72.229.28.0");
    private static final Visitor C = new Visitor("anon-c", null, new GeoLocation("DE", "Berlin", "Berlin"),
            new DeviceInfo("Firefox", "123", "Linux", null, DeviceType.DESKTOP, false),
            "Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0", "85.214.132.0");
    private static final Visitor D = new Visitor(null, "user-d", new GeoLocation("KE", "Nairobi County", "Nairobi"),
            new DeviceInfo("Chrome", "122", "Android", "14", DeviceType.MOBILE, false),
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/122.0 Mobile Safari/537.36", "105.160.0.0");
    private static final Visitor F = new Visitor("anon-f", null, GeoLocation.UNKNOWN,
            new DeviceInfo("Edge", "122", "Windows", "11", DeviceType.DESKTOP, false),
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/122.0 Safari/537.36 Edg/122.0", null);
    private static final Visitor G = new Visitor("anon-g", null, new GeoLocation("KE", null, null),
            new DeviceInfo("Chrome", "122", "macOS", "14", DeviceType.DESKTOP, false),
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/537.36 Chrome/122.0 Safari/537.36", "197.248.0.0");
    private static final Visitor H = new Visitor("anon-h", null, new GeoLocation("US", "California", "Los Angeles"),
            new DeviceInfo("Chrome", "122", "macOS", "14", DeviceType.DESKTOP, false),
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/537.36 Chrome/122.0 Safari/537.36", "104.28.0.0");
    private static final Visitor BOT = new Visitor("anon-bot", null, new GeoLocation("US", null, null),
            new DeviceInfo("Googlebot", "2", null, null, DeviceType.DESKTOP, false).asBot(),
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "66.249.66.0");
    private static final Visitor E = new Visitor("anon-e", "user-e", new GeoLocation("KE", "Nairobi County", "Nairobi"),
            new DeviceInfo(null, null, "Android", "14", DeviceType.MOBILE, false), null, "105.160.0.0");

    private static final Campaign NEWSLETTER = new Campaign("newsletter", "email", "spring", null, null);
    private static final Campaign FACEBOOK_AD = new Campaign("facebook", "social", "spring", "shoes", "ad-1");

    private ContractDataset() {
    }

    /** Every event once, bots and the "app" source included. */
    public static List<EnrichedEvent> firstBatch() {
        List<EnrichedEvent> events = new ArrayList<>();
        Visit a1 = new Visit(WEB, A, "a1", "https://www.google.com/search?q=tax+app", new TrafficSource("google.com", Channel.SEARCH), Campaign.EMPTY);
        events.add(a1.page("a1-1", "2024-03-09T10:00:00Z", EXAMPLE, "/", Map.of("ab test", "A")));
        events.add(a1.page("a1-2", "2024-03-09T10:02:00Z", EXAMPLE, "/pricing", Map.of()));
        events.add(a1.track("a1-3", "2024-03-09T10:05:30Z", EXAMPLE, "/pricing", "Signup Clicked", Map.of("plan", "pro", "step", 2)));
        events.add(a1.page("a1-4", "2024-03-09T10:07:00Z", EXAMPLE, "/signup", Map.of()));
        Visit a2 = new Visit(WEB, A, "a2", null, TrafficSource.DIRECT, Campaign.EMPTY);
        events.add(a2.page("a2-1", "2024-03-09T11:00:00Z", EXAMPLE, "/docs", Map.of()));
        events.add(a2.page("a2-2", "2024-03-09T11:10:00Z", EXAMPLE, "/", Map.of()));
        Visit a3 = new Visit(WEB, A, "a3", null, TrafficSource.DIRECT, Campaign.EMPTY);
        events.add(a3.page("a3-1", "2024-03-12T08:00:00Z", EXAMPLE, "/", Map.of()));
        events.add(b1Page());
        Visit c1 = new Visit(WEB, C, "c1", "https://www.facebook.com/", new TrafficSource("facebook.com", Channel.SOCIAL), FACEBOOK_AD);
        events.add(c1.page("c1-1", "2024-03-09T23:50:00Z", EXAMPLE, "/", Map.of()));
        events.add(c1.track("c1-2", "2024-03-10T00:05:00Z", EXAMPLE, "/checkout", "Purchase", Map.of("plan", "basic", "amount", 10)));
        events.add(c1.page("c1-3", "2024-03-10T00:12:00Z", EXAMPLE, "/thanks", Map.of()));
        Visit d1 = d1();
        events.add(d1.page("d1-1", "2024-03-09T20:30:00Z", EXAMPLE, "/", Map.of()));
        events.add(d1SignupClicked("2024-03-09T20:45:00Z", "2024-03-09T20:45:01Z"));
        events.add(d1.page("d1-3", "2024-03-09T21:10:00Z", EXAMPLE, "/pricing", Map.of()));
        Visit f1 = new Visit(WEB, F, "f1", "https://news.site.org/links", new TrafficSource("news.site.org", Channel.REFERRAL), Campaign.EMPTY);
        events.add(f1.page("f1-1", "2024-03-10T09:00:00Z", BLOG, "/post-1", Map.of("ab test", "B")));
        events.add(f1.page("f1-2", "2024-03-10T09:00:40Z", BLOG, "/post-2", Map.of("ab test", "B")));
        Visit g1 = new Visit(WEB, G, "g1", null, TrafficSource.DIRECT, Campaign.EMPTY);
        events.add(g1.track("g1-1", "2024-03-10T14:00:00Z", EXAMPLE, "/docs", "Video Played", Map.of("step", 1)));
        Visit h1 = new Visit(WEB, H, "h1", null, TrafficSource.DIRECT, Campaign.EMPTY);
        events.add(h1.page("h1-1", "2024-03-11T04:30:00Z", EXAMPLE, "/pricing", Map.of()));
        Visit bot = new Visit(WEB, BOT, "bot1", null, TrafficSource.DIRECT, Campaign.EMPTY);
        events.add(bot.page("bot1-1", "2024-03-10T10:00:00Z", EXAMPLE, "/", Map.of()));
        events.add(bot.page("bot1-2", "2024-03-10T10:00:05Z", EXAMPLE, "/pricing", Map.of()));
        Visit e1 = new Visit(APP, E, "e1", null, TrafficSource.DIRECT, Campaign.EMPTY);
        events.add(e1.screen("e1-1", "2024-03-09T15:00:00Z", "Home"));
        events.add(e1.identify("e1-2", "2024-03-09T15:01:00Z", Map.of("plan", "pro")));
        Visit appA = new Visit(APP, A, "a-app", null, TrafficSource.DIRECT, Campaign.EMPTY);
        events.add(appA.track("a1-1", "2024-03-09T16:00:00Z", null, null, "App Opened", Map.of()));
        events.addAll(funnelEvents());
        events.addAll(retentionEvents());
        events.addAll(mobileEvents());
        return List.copyOf(events);
    }

    /** What Segment's mobile libraries send about the app and device, as {@code context} parts. */
    private record App(String visitorId, String version, Object build, String os, String osVersion, String model,
                       String manufacturer, Boolean wifi) {
        Map<String, Object> context() {
            Map<String, Object> context = new java.util.LinkedHashMap<>();
            context.put("app", Map.of("name", "Tax", "version", version, "build", build, "namespace", "app.tax"));
            context.put("os", Map.of("name", os, "version", osVersion));
            context.put("device", Map.of("model", model, "manufacturer", manufacturer, "type", os.equals("iOS") ? "ios" : "android"));
            if (wifi != null) {
                context.put("network", Map.of("wifi", wifi, "cellular", !wifi));
            }
            context.put("library", Map.of("name", "analytics-kotlin", "version", "1.25.0"));
            return context;
        }

        /**
         * @param name       a screen's name; null: in {@code properties.name} ({@code screenName}), or a track's name
         * @param receivedAt null: one second after {@code timestamp}
         */
        EnrichedEvent event(EventType type, String messageId, String sessionId, String timestamp, String receivedAt, String name,
                            String screenProperty) {
            Instant at = Instant.parse(timestamp);
            Instant received = receivedAt == null ? at.plusSeconds(1) : Instant.parse(receivedAt);
            EventContext eventContext = new EventContext("105.160.0.0", null, PageInfo.EMPTY, Campaign.EMPTY, "en-KE",
                    "Africa/Nairobi", null, "analytics-kotlin", "1.25.0", context());
            Map<String, Object> properties = screenProperty == null ? Map.of() : Map.of("name", screenProperty);
            Event event = new Event(MOBILE, type, messageId, null, visitorId, at, at, at, received,
                    type == EventType.TRACK ? name : null, type == EventType.SCREEN ? name : null, null, null, eventContext,
                    properties, Map.of());
            DeviceInfo device = DeviceInfo.UNKNOWN.withAppContext(eventContext.app());
            return new EnrichedEvent(event, visitorId, sessionId, new GeoLocation("KE", "Nairobi County", "Nairobi"), device,
                    UrlParts.EMPTY, TrafficSource.DIRECT, Campaign.EMPTY);
        }
    }

    private static List<EnrichedEvent> mobileEvents() {
        App m1 = new App("anon-m1", "2.4.0", 240, "Android", "14", "Pixel 8", "Google", true);
        App m2 = new App("anon-m2", "2.3.1", "231", "iOS", "17.4", "iPhone15,2", "Apple", false);
        App m3 = new App("anon-m3", "2.4.0", "241", "Android", "13", "Galaxy S23", "samsung", null);
        return List.of(
                m1.event(EventType.SCREEN, "m1-1", "m1", "2024-03-09T08:00:00Z", null, "Home", null),
                m1.event(EventType.SCREEN, "m1-2", "m1", "2024-03-09T08:01:00Z", null, "Income", null),
                m1.event(EventType.TRACK, "m1-3", "m1", "2024-03-09T08:03:00Z", null, "Return Filed", null),
                m1.event(EventType.SCREEN, "m1-4", "m1", "2024-03-09T08:05:00Z", null, "Done", null),
                m2.event(EventType.SCREEN, "m2-1", "m2a", "2024-03-09T09:00:00Z", "2024-03-09T12:00:00Z", "Home", null),
                m2.event(EventType.SCREEN, "m2-2", "m2b", "2024-03-09T13:00:00Z", null, "Home", null),
                m2.event(EventType.SCREEN, "m2-3", "m2b", "2024-03-09T13:02:00Z", null, "Income", null),
                m3.event(EventType.SCREEN, "m3-1", "m3", "2024-03-09T10:00:00Z", "2024-03-09T10:30:00Z", null, "Income"));
    }

    private static List<EnrichedEvent> funnelEvents() {
        List<EnrichedEvent> events = new ArrayList<>();
        Journey u1 = new Journey(FUNNEL, "u1", KENYA, events);
        u1.page("2024-04-01T10:00:00Z", "/pricing").signedUp("2024-04-01T10:10:00Z").page("2024-04-01T10:20:00Z", "/welcome");
        Journey u2 = new Journey(FUNNEL, "u2", KENYA, events);
        u2.page("2024-04-01T10:00:00Z", "/pricing").page("2024-04-01T10:05:00Z", "/welcome").signedUp("2024-04-01T10:30:00Z");
        Journey u3 = new Journey(FUNNEL, "u3", KENYA, events);
        u3.page("2024-04-01T10:00:00Z", "/pricing").page("2024-04-01T10:05:00Z", "/welcome");
        Journey u4 = new Journey(FUNNEL, "u4", KENYA, events);
        u4.signedUp("2024-04-01T09:50:00Z").page("2024-04-01T10:00:00Z", "/pricing").page("2024-04-01T10:10:00Z", "/welcome");
        Journey u5 = new Journey(FUNNEL, "u5", UNITED_STATES, events);
        u5.page("2024-04-01T10:00:00Z", "/pricing").page("2024-04-01T11:20:00Z", "/pricing").signedUp("2024-04-01T11:30:00Z");
        Journey u6 = new Journey(FUNNEL, "u6", UNITED_STATES, events);
        u6.page("2024-04-01T10:00:00Z", "/pricing").signedUp("2024-04-01T10:00:00Z");
        Journey u7 = new Journey(FUNNEL, "u7", UNITED_STATES, events);
        u7.signedUp("2024-04-01T10:00:00Z");
        Journey u8 = new Journey(FUNNEL, "u8", UNITED_STATES, events);
        u8.page("2024-04-01T10:00:00Z", "/pricing").signedUp("2024-04-01T11:00:00Z").page("2024-04-01T11:00:01Z", "/welcome");
        Journey u9 = new Journey(FUNNEL, "u9", UNITED_STATES, events);
        u9.page("2024-03-31T23:59:00Z", "/pricing").signedUp("2024-04-01T00:05:00Z");
        Journey bot = new Journey(FUNNEL, "funnel-bot", BOT, events);
        bot.page("2024-04-01T10:00:00Z", "/pricing").signedUp("2024-04-01T10:01:00Z").page("2024-04-01T10:02:00Z", "/welcome");
        return events;
    }

    private static List<EnrichedEvent> retentionEvents() {
        List<EnrichedEvent> events = new ArrayList<>();
        new Journey(RETENTION, "r1", KENYA, events).page("2024-04-01T12:00:00Z", "/").page("2024-04-09T12:00:00Z", "/");
        new Journey(RETENTION, "r2", KENYA, events).page("2024-04-02T12:00:00Z", "/").page("2024-04-16T12:00:00Z", "/");
        new Journey(RETENTION, "r3", KENYA, events).page("2024-04-07T23:30:00Z", "/").page("2024-04-08T00:30:00Z", "/");
        new Journey(RETENTION, "r4", KENYA, events).page("2024-03-30T12:00:00Z", "/").page("2024-04-10T12:00:00Z", "/");
        new Journey(RETENTION, "r5", KENYA, events).page("2024-04-15T12:00:00Z", "/");
        new Journey(RETENTION, "retention-bot", BOT, events).page("2024-04-01T12:00:00Z", "/");
        return events;
    }

    /**
     * What a client's retries add: b1-1 again, unchanged, and d1-2 twice more with a timestamp 3 ms later
     * (re-sent, so skew correction moved it). None of them may count again, whichever copy a store keeps;
     * d1-2 sits inside its session and hour, so its copies give the same numbers.
     */
    public static List<EnrichedEvent> retryBatch() {
        return List.of(b1Page(),
                d1SignupClicked("2024-03-09T20:45:00.003Z", "2024-03-09T20:46:30Z"),
                d1SignupClicked("2024-03-09T20:45:00.003Z", "2024-03-09T20:46:30Z"));
    }

    /**
     * The browser SDK's engagement reports (the reserved track {@code $engagement}, docs/STATS.md): one in the
     * bounce session b1 (30 s after its page view) and one alone in a session of a visitor N seen nowhere else.
     * Counted, they would end b1's bounce, lengthen it and add an event, a goal, a visitor and a session.
     */
    public static List<EnrichedEvent> engagementReports() {
        Visit b1 = new Visit(WEB, B, "b1", null, new TrafficSource(null, Channel.EMAIL), NEWSLETTER);
        Visitor n = new Visitor("anon-n", null, GeoLocation.UNKNOWN, G.device(), G.userAgent(), null);
        Visit n1 = new Visit(WEB, n, "n1", null, TrafficSource.DIRECT, Campaign.EMPTY);
        Map<String, Object> report = Map.of("engagedMs", 30000, "scrollDepth", 80);
        return List.of(b1.track("b1-engagement", "2024-03-09T12:00:30Z", EXAMPLE, "/pricing", "$engagement", report),
                n1.track("n1-engagement", "2024-03-09T13:00:00Z", EXAMPLE, "/docs", "$engagement", report));
    }

    private static EnrichedEvent b1Page() {
        Visit b1 = new Visit(WEB, B, "b1", null, new TrafficSource(null, Channel.EMAIL), NEWSLETTER);
        return b1.page("b1-1", "2024-03-09T12:00:00Z", EXAMPLE, "/pricing", Map.of());
    }

    private static Visit d1() {
        return new Visit(WEB, D, "d1", null, TrafficSource.DIRECT, Campaign.EMPTY);
    }

    private static EnrichedEvent d1SignupClicked(String timestamp, String receivedAt) {
        return d1().event(EventType.TRACK, "d1-2", timestamp, receivedAt, EXAMPLE, "/", "Signup Clicked", null,
                Map.of("plan", "pro"), Map.of());
    }

    private static final Visitor KENYA = A;
    private static final Visitor UNITED_STATES = H;

    /**
     * Direct visits of one visitor in one session, each event with the next message id: only who, when and
     * what matter to funnels and retention.
     *
     * @param like whose country, device and bot flag the visitor has
     */
    private record Journey(String source, String visitorId, Visitor like, List<EnrichedEvent> into) {
        Journey page(String timestamp, String path) {
            into.add(visit().page(nextId(), timestamp, EXAMPLE, path, Map.of()));
            return this;
        }

        Journey signedUp(String timestamp) {
            into.add(visit().track(nextId(), timestamp, EXAMPLE, "/signup", "Signed Up", Map.of()));
            return this;
        }

        private Visit visit() {
            Visitor visitor = new Visitor(visitorId, null, like.geo(), like.device(), like.userAgent(), like.ip());
            return new Visit(source, visitor, visitorId + "-session", null, TrafficSource.DIRECT, Campaign.EMPTY);
        }

        private String nextId() {
            return visitorId + "-" + (into.stream().filter(e -> e.visitorId().equals(visitorId)).count() + 1);
        }
    }

    private record Visitor(String anonymousId, String userId, GeoLocation geo, DeviceInfo device, String userAgent, String ip) {
        String visitorId() {
            return anonymousId != null ? anonymousId : userId;
        }
    }

    /** The events of one session: who, where from, and the session id the processor assigned. */
    private record Visit(String source, Visitor visitor, String sessionId, String referrerUrl, TrafficSource traffic,
                         Campaign campaign) {

        EnrichedEvent page(String messageId, String timestamp, String host, String path, Map<String, Object> properties) {
            return event(EventType.PAGE, messageId, timestamp, null, host, path, null, null, properties, Map.of());
        }

        EnrichedEvent track(String messageId, String timestamp, String host, String path, String name, Map<String, Object> properties) {
            return event(EventType.TRACK, messageId, timestamp, null, host, path, name, null, properties, Map.of());
        }

        EnrichedEvent screen(String messageId, String timestamp, String name) {
            return event(EventType.SCREEN, messageId, timestamp, null, null, null, null, name, Map.of(), Map.of());
        }

        EnrichedEvent identify(String messageId, String timestamp, Map<String, Object> traits) {
            return event(EventType.IDENTIFY, messageId, timestamp, null, null, null, null, null, Map.of(), traits);
        }

        /** @param receivedAt null: one second after {@code timestamp} */
        EnrichedEvent event(EventType type, String messageId, String timestamp, String receivedAt, String host, String path,
                            String trackName, String pageName, Map<String, Object> properties, Map<String, Object> traits) {
            Instant at = Instant.parse(timestamp);
            Instant received = receivedAt == null ? at.plusSeconds(1) : Instant.parse(receivedAt);
            String url = host == null ? null : "https://" + host + path;
            PageInfo page = host == null ? PageInfo.EMPTY : new PageInfo(url, path, referrerUrl, "Tax app", null);
            EventContext context = new EventContext(visitor.ip(), visitor.userAgent(), page, campaign, "en-KE",
                    "Africa/Nairobi", null, "analytics.js", "5.2.0",
                    Map.of("library", Map.of("name", "analytics.js", "version", "5.2.0"), "locale", "en-KE"));
            Event event = new Event(source, type, messageId, visitor.userId(), visitor.anonymousId(), at, at, at, received,
                    trackName, pageName, null, null, context, properties, traits);
            UrlParts pageParts = host == null ? UrlParts.EMPTY : new UrlParts(host, path, null);
            return new EnrichedEvent(event, visitor.visitorId(), sessionId, visitor.geo(), visitor.device(), pageParts,
                    traffic, campaign);
        }
    }
}
