package app.tax.analytics.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.segment.analytics.kotlin.core.Analytics;
import com.segment.analytics.kotlin.core.AnalyticsError;
import com.segment.analytics.kotlin.core.BaseEvent;
import com.segment.analytics.kotlin.core.RequestFactory;
import com.segment.analytics.kotlin.core.Settings;
import com.segment.analytics.kotlin.core.Telemetry;
import com.segment.analytics.kotlin.core.UserInfo;
import com.segment.analytics.kotlin.core.compat.ConfigurationBuilder;
import com.segment.analytics.kotlin.core.compat.JavaAnalytics;
import com.segment.analytics.kotlin.core.platform.Plugin;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import kotlin.Unit;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlin.jvm.JvmClassMappingKt;
import kotlinx.coroutines.BuildersKt;
import kotlinx.serialization.json.JsonElement;
import kotlinx.serialization.json.JsonElementKt;
import kotlinx.serialization.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segment's mobile SDK core ({@code com.segment.analytics.kotlin:core}, the JVM artifact, driven through its
 * {@code JavaAnalytics} wrapper), unmodified and pointed at the collector: screens, a track, an identify, a
 * flush, then a batch queued while the device was offline and sent when it came back. Every event is counted
 * once, screens as views, the offline events at the time they happened (docs/STATS.md, "Mobile apps"); after a
 * sign-out ({@code reset()}) and a new identify the visitor is stitched back to one person ("Identity").
 *
 * <p>The library is configured only through its public API: its {@code apiHost} and {@code cdnHost} name the
 * collector (which answers the settings request, as Segment's CDN would), a {@link RequestFactory} sends its
 * requests over plain HTTP to the loopback collector (it builds {@code https://} URLs), and an enrichment
 * plugin that adds what the Android platform plugin would (app, OS, device, network) and, for the events
 * queued offline, the device clock of three hours ago. Its telemetry is switched off: nothing leaves loopback.
 */
class SegmentKotlinLibraryTest {
    private static final String MOBILE_KEY = "e2e-android-key-0001";
    private static final Duration OFFLINE_FOR = Duration.ofHours(3);

    @TempDir
    Path dataDir;

    @Test
    void screensTracksAndAnOfflineBatchFromTheKotlinLibraryAreCountedOnceAtTheirTime() throws Exception {
        Path storage = Path.of("/tmp/analytics-kotlin", MOBILE_KEY);
        deleteTree(storage); // the library's file queue; left over from an earlier run it would be sent again
        Telemetry.INSTANCE.setEnable(false);
        Telemetry.INSTANCE.setHost("127.0.0.1:9/v1");
        try (AllRoleFixture all = new AllRoleFixture(dataDir,
                "--allowed-write-keys=web:" + AllRoleFixture.WRITE_KEY + ",android:" + MOBILE_KEY)) {
            String collector = "127.0.0.1:" + all.role.port("collector");
            LoopbackRequests requests = new LoopbackRequests(collector);
            AtomicInteger failedUploads = new AtomicInteger();
            DeviceContext device = new DeviceContext();
            ConfigurationBuilder builder = new ConfigurationBuilder(MOBILE_KEY)
                    .setApplication("app.tax.android") // on the JVM the application is a name (Android: the Context)
                    .setApiHost(collector + "/v1").setCdnHost(collector + "/v1")
                    .setFlushAt(100).setFlushInterval(3600)
                    .setRequestFactory(requests);
            var configuration = builder.build();
            configuration.setErrorHandler(error -> {
                // only failed uploads count here (the settings request, to the collector, does not fail)
                if (!(error instanceof AnalyticsError.SettingsFail)) {
                    failedUploads.incrementAndGet();
                }
                return Unit.INSTANCE;
            });
            JavaAnalytics analytics = new JavaAnalytics(configuration);
            analytics.add(device);
            try {
                analytics.screen("Home", Map.of("tab", "summary"));
                analytics.screen("Income", Map.of("source", "employment"));
                analytics.track("Return Started", Map.of("year", 2026));
                analytics.identify("kotlin-user", Map.of("plan", "pro"));
                String token = all.login();
                String range = "source=android&from=" + LocalDate.now(ZoneOffset.UTC).minusDays(1)
                        + "&to=" + LocalDate.now(ZoneOffset.UTC).plusDays(2);
                LongSupplier events = () -> all.dashboard.get("/api/stats/overview?" + range, token).json().get("events").asLong();
                // an app flushes now and then; a flush before the library finished starting does nothing
                assertThat(waitFor(events, 4, analytics::flush)).isEqualTo(4);

                // offline: the device queues two events it stamps three hours ago; uploads fail (nothing listens)
                Instant offlineAt = Instant.now().minus(OFFLINE_FOR);
                device.clock = offlineAt;
                requests.target = closedLoopbackPort();
                analytics.screen("Done", Map.of());
                analytics.track("Return Filed", Map.of("refund", 120));
                assertThat(waitFor(failedUploads::get, 1, analytics::flush)).as("an upload failed while offline").isPositive();
                // back online: the next flush sends the kept batch
                requests.target = collector;
                assertThat(waitFor(events, 6, analytics::flush)).isEqualTo(6);
                analytics.flush();
                Thread.sleep(1500);
                JsonNode overview = all.dashboard.get("/api/stats/overview?" + range, token).json();
                assertThat(overview.get("events").asLong()).as("counted exactly once").isEqualTo(6);
                assertThat(overview.get("visitors").asLong()).isEqualTo(1);
                assertThat(overview.get("pageviews").asLong()).as("screens are views").isEqualTo(3);
                // the offline events make their own session three hours earlier
                assertThat(overview.get("sessions").asLong()).isEqualTo(2);

                String offlineHour = "source=android&from=" + offlineAt.minusSeconds(60) + "&to=" + offlineAt.plusSeconds(300);
                JsonNode earlier = all.dashboard.get("/api/stats/overview?" + offlineHour, token).json();
                assertThat(earlier.get("events").asLong()).as("placed by the time they happened").isEqualTo(2);
                assertThat(earlier.get("pageviews").asLong()).isEqualTo(1);

                JsonNode freshness = all.dashboard.get("/api/stats/freshness?" + range, token).json();
                assertThat(freshness.get("lateEvents").asLong()).isEqualTo(2);
                assertThat(freshness.get("lateShare").asDouble()).isEqualTo(2.0 / 6);
                Instant completeUpTo = Instant.parse(freshness.get("completeUpTo").asText());
                assertThat(completeUpTo).isBefore(Instant.now().minus(OFFLINE_FOR).plusSeconds(120));

                assertThat(values(all, token, range, "screen")).containsExactly("Done=1", "Home=1", "Income=1");
                assertThat(values(all, token, range, "app_version")).containsExactly("3.1.0=6");
                assertThat(values(all, token, range, "app_build")).containsExactly("310=6");
                assertThat(values(all, token, range, "device_model")).containsExactly("Pixel 8=6");
                assertThat(values(all, token, range, "device_manufacturer")).containsExactly("Google=6");
                assertThat(values(all, token, range, "os_version")).containsExactly("14=6");
                assertThat(values(all, token, range, "network")).containsExactly("wifi=6");
                assertThat(values(all, token, range, "os")).containsExactly("Android=6");
                assertThat(values(all, token, range, "device")).containsExactly("mobile=6");
                assertThat(values(all, token, range, "event")).containsExactly("Return Filed=1", "Return Started=1");

                // signed out (the library's reset(): a new anonymousId, no userId), then in again on the same phone:
                // another visitor until the identify links the new anonymousId, then the same person, retroactively
                device.clock = null;
                LongSupplier visitors = () -> all.dashboard.get("/api/stats/overview?" + range, token).json().get("visitors").asLong();
                String signedInAs = analytics.anonymousId();
                analytics.reset();
                // reset() changes anonymousId() at once but the library's store, which events are stamped from
                // (BaseEvent.applyBaseEventData), later, on another thread: the next event must carry the new identity
                Instant resetBy = Instant.now().plusSeconds(10);
                UserInfo stamped = storedUserInfo(analytics);
                while ((signedInAs.equals(stamped.getAnonymousId()) || stamped.getUserId() != null) && Instant.now().isBefore(resetBy)) {
                    Thread.sleep(20);
                    stamped = storedUserInfo(analytics);
                }
                assertThat(stamped.getAnonymousId()).as("a new anonymousId after reset()").isNotEqualTo(signedInAs)
                        .isEqualTo(analytics.anonymousId());
                assertThat(stamped.getUserId()).isNull();
                analytics.screen("Home", Map.of());
                assertThat(waitFor(events, 7, analytics::flush)).isEqualTo(7);
                assertThat(visitors.getAsLong()).as("signed out: a new anonymous visitor").isEqualTo(2);
                analytics.identify("kotlin-user", Map.of());
                assertThat(waitFor(events, 8, analytics::flush)).isEqualTo(8);
                assertThat(visitors.getAsLong()).as("signed in again: stitched to the person").isEqualTo(1);
            } finally {
                analytics.getAnalytics().shutdown();
                deleteTree(storage);
            }
        }
    }

    /** The user state in the library's store (a suspending read, run to completion here). */
    private static UserInfo storedUserInfo(JavaAnalytics analytics) throws InterruptedException {
        return BuildersKt.<UserInfo>runBlocking(EmptyCoroutineContext.INSTANCE,
                (scope, continuation) -> analytics.getStore().currentState(JvmClassMappingKt.getKotlinClass(UserInfo.class), continuation));
    }

    /** "value=events" per row of a breakdown, in the API's order (ties by value). */
    private static java.util.List<String> values(AllRoleFixture all, String token, String range, String dimension) {
        JsonNode rows = all.dashboard.get("/api/stats/breakdown?" + range + "&dimension=" + dimension + "&metrics=events", token)
                .json().get("rows");
        java.util.List<String> values = new java.util.ArrayList<>();
        rows.forEach(row -> values.add(row.get("value").asText() + "=" + row.get("events").asLong()));
        return values;
    }

    /** Polls {@code value} until it reaches {@code expected} (30 s at most), running {@code tick} before each look. */
    private static long waitFor(LongSupplier value, long expected, Runnable tick) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        tick.run();
        long current = value.getAsLong();
        while (current < expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            tick.run();
            current = value.getAsLong();
        }
        return current;
    }

    /** A loopback port nothing listens on: connections are refused, as on a device without network. */
    private static String closedLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The library's requests, to the loopback collector over plain HTTP (it writes https:// before the host). */
    private static final class LoopbackRequests extends RequestFactory {
        volatile String target;

        LoopbackRequests(String target) {
            this.target = target;
        }

        @Override
        public HttpURLConnection openConnection(String url) {
            int path = url.indexOf('/', url.indexOf("://") + 3);
            return super.openConnection("http://" + target + url.substring(path));
        }
    }

    /**
     * What the Android platform plugin adds to the context (the JVM core has no platform), and the device's
     * clock: null for the real time, else the time stamped on events (as a device that queued them then).
     */
    private static final class DeviceContext implements Plugin {
        volatile Instant clock;
        private Analytics analytics;

        @Override
        public BaseEvent execute(BaseEvent event) {
            Map<String, JsonElement> context = new LinkedHashMap<>(event.getContext());
            context.put("app", object(Map.of("name", "Tax", "version", "3.1.0", "build", "310", "namespace", "app.tax.android")));
            context.put("os", object(Map.of("name", "Android", "version", "14")));
            context.put("device", object(Map.of("model", "Pixel 8", "manufacturer", "Google", "type", "android")));
            context.put("network", new JsonObject(Map.of("wifi", JsonElementKt.JsonPrimitive(true),
                    "cellular", JsonElementKt.JsonPrimitive(false))));
            event.setContext(new JsonObject(context));
            Instant stamped = clock;
            if (stamped != null) {
                event.setTimestamp(stamped.toString());
            }
            return event;
        }

        private static JsonObject object(Map<String, String> values) {
            Map<String, JsonElement> elements = new LinkedHashMap<>();
            values.forEach((key, value) -> elements.put(key, JsonElementKt.JsonPrimitive(value)));
            return new JsonObject(elements);
        }

        @Override
        public Type getType() {
            return Type.Enrichment;
        }

        @Override
        public Analytics getAnalytics() {
            return analytics;
        }

        @Override
        public void setAnalytics(Analytics analytics) {
            this.analytics = analytics;
        }

        @Override
        public void setup(Analytics analytics) {
            this.analytics = analytics;
        }

        @Override
        public void update(Settings settings, UpdateType type) {
        }

        @Override
        public void shutdown() {
        }
    }
}
