package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.EraseSubject;
import app.tax.analytics.application.port.out.PublishEvents;
import app.tax.analytics.application.port.out.QueueHealth;
import app.tax.analytics.application.port.out.QueueStats;
import app.tax.analytics.application.port.out.QueueUnavailableException;
import app.tax.analytics.application.port.out.QueuedEvent;
import app.tax.analytics.application.port.out.RateLimiter;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.application.port.out.ApiKeyStore;
import app.tax.analytics.application.port.out.ShareStore;
import app.tax.analytics.application.port.out.UserStore;
import app.tax.analytics.domain.access.ApiKey;
import app.tax.analytics.domain.access.Share;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.stats.BreakdownRow;
import app.tax.analytics.domain.stats.CohortActivity;
import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.Freshness;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.LatestEvent;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.MetricValues;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.domain.stats.TimeseriesPoint;
import app.tax.analytics.domain.user.DashboardUser;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Small in-memory implementations of the out-ports behind the services the HTTP layer calls. */
final class TestPorts {

    private TestPorts() {
    }

    /** Records erasure requests and answers with a fixed count. */
    static final class RecordingEraser implements EraseSubject {
        final List<String> requests = new CopyOnWriteArrayList<>();

        @Override
        public long erase(String source, String userId, String anonymousId) {
            if (userId == null && anonymousId == null) {
                throw new IllegalArgumentException("userId or anonymousId is required");
            }
            requests.add(source + "/" + userId + "/" + anonymousId);
            return 7;
        }
    }

    /** Keeps what was published; can be switched to refuse, like a full or unreachable queue. */
    static final class RecordingEventQueue implements PublishEvents, QueueHealth {
        private final List<Event> published = new CopyOnWriteArrayList<>();
        private final List<QueuedEvent> pending = new CopyOnWriteArrayList<>();
        private volatile boolean unavailable;
        private volatile boolean full;
        private volatile CountDownLatch gate;
        private final CountDownLatch publishing = new CountDownLatch(1);
        private long sequence;

        void setUnavailable(boolean unavailable) {
            this.unavailable = unavailable;
        }

        /** Makes the queue say it is full (see {@link PublishEvents#isFull}); publishes still work. */
        void setFull(boolean full) {
            this.full = full;
        }

        /** Makes publishes wait until {@code gate} opens, as a slow queue server would. */
        void holdPublishesUntil(CountDownLatch gate) {
            this.gate = gate;
        }

        /** Waits until a publish has started. */
        boolean awaitPublishing(Duration timeout) throws InterruptedException {
            return publishing.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        synchronized void reset() {
            gate = null;
            unavailable = false;
            full = false;
            published.clear();
            pending.clear();
        }

        List<Event> published() {
            return published;
        }

        @Override
        public void publish(List<Event> events) throws QueueUnavailableException {
            publishing.countDown();
            CountDownLatch waitFor = gate;
            if (waitFor != null) {
                try {
                    waitFor.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new QueueUnavailableException("interrupted while waiting", e);
                }
            }
            append(events);
        }

        private synchronized void append(List<Event> events) throws QueueUnavailableException {
            if (unavailable) {
                throw new QueueUnavailableException("queue switched off by the test");
            }
            published.addAll(events);
            for (Event event : events) {
                pending.add(new QueuedEvent(Long.toString(++sequence), event, 0));
            }
        }

        @Override
        public boolean isFull() {
            return full;
        }

        @Override
        public QueueStats stats() {
            return new QueueStats(pending.size(), 0, Duration.ZERO, 0);
        }

        @Override
        public boolean isReady() {
            return !unavailable;
        }
    }

    /** Allows everything until switched to limiting; remembers the keys it was asked about. */
    static final class SwitchableRateLimiter implements RateLimiter {
        private final List<String> keys = new CopyOnWriteArrayList<>();
        private volatile Duration limitedFor;

        /** @param retryAfter null to stop limiting */
        void limitFor(Duration retryAfter) {
            this.limitedFor = retryAfter;
        }

        void reset() {
            limitedFor = null;
            keys.clear();
        }

        List<String> keys() {
            return keys;
        }

        @Override
        public Verdict acquire(String key) {
            keys.add(key);
            Duration limit = limitedFor;
            return limit == null ? new Verdict.Allowed() : new Verdict.Limited(limit);
        }
    }

    /** Keys by id, oldest first. */
    static final class InMemoryApiKeyStore implements ApiKeyStore {
        private final Map<String, ApiKey> keys = new ConcurrentHashMap<>();

        @Override
        public void save(ApiKey key) {
            keys.put(key.id(), key);
        }

        @Override
        public Optional<ApiKey> find(String id) {
            return Optional.ofNullable(keys.get(id));
        }

        @Override
        public List<ApiKey> list() {
            return keys.values().stream().sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id)).toList();
        }

        @Override
        public boolean remove(String id) {
            return keys.remove(id) != null;
        }
    }

    /** Shares by id, oldest first. */
    static final class InMemoryShareStore implements ShareStore {
        private final Map<String, Share> shares = new ConcurrentHashMap<>();

        @Override
        public void save(Share share) {
            shares.put(share.id(), share);
        }

        @Override
        public Optional<Share> find(String id) {
            return Optional.ofNullable(shares.get(id));
        }

        @Override
        public List<Share> list() {
            return shares.values().stream().sorted(Comparator.comparing(Share::createdAt).thenComparing(Share::id)).toList();
        }

        @Override
        public boolean remove(String id) {
            return shares.remove(id) != null;
        }
    }

    static final class InMemoryUserStore implements UserStore {
        private final Map<String, DashboardUser> users = new ConcurrentHashMap<>();

        @Override
        public Optional<DashboardUser> find(String email) {
            return Optional.ofNullable(users.get(email));
        }

        @Override
        public void save(DashboardUser user) {
            users.put(user.email(), user);
        }

        @Override
        public boolean remove(String email) {
            return users.remove(email) != null;
        }

        @Override
        public List<DashboardUser> list() {
            return List.copyOf(users.values());
        }

        @Override
        public long count() {
            return users.size();
        }
    }

    /**
     * Answers every query with the same numbers: the HTTP layer's rendering is under test, not the queries.
     * Its breakdown has a "(none)" row (null value) and a value a spreadsheet would run as a formula.
     */
    static final class FixedStatsReader implements StatsReader {
        static final LocalDateTime FIRST_BUCKET = LocalDateTime.of(2026, 11, 28, 0, 0);
        private volatile boolean unavailable;

        void setUnavailable(boolean unavailable) {
            this.unavailable = unavailable;
        }

        static MetricValues values(long visitors, long pageviews, long sessions, long events, double bounceRate,
                                   double avgSessionSeconds, double viewsPerSession) {
            Map<Metric, Number> values = new EnumMap<>(Metric.class);
            values.put(Metric.VISITORS, visitors);
            values.put(Metric.PAGEVIEWS, pageviews);
            values.put(Metric.SESSIONS, sessions);
            values.put(Metric.EVENTS, events);
            values.put(Metric.BOUNCE_RATE, bounceRate);
            values.put(Metric.AVG_SESSION_SECONDS, avgSessionSeconds);
            values.put(Metric.VIEWS_PER_SESSION, viewsPerSession);
            return new MetricValues(values);
        }

        @Override
        public MetricValues overview(StatsQuery query) {
            checkAvailable();
            return query.to().isAfter(Instant.parse("2026-11-28T00:00:00Z"))
                    ? values(4, 10, 5, 14, 0.4, 95.5, 2.0) : values(2, 3, 2, 3, 0.5, 10.0, 1.5);
        }

        @Override
        public List<TimeseriesPoint> timeseries(StatsQuery query, Interval interval) {
            checkAvailable();
            return List.of(new TimeseriesPoint(FIRST_BUCKET, values(3, 7, 4, 9, 0.25, 60.0, 1.75)));
        }

        @Override
        public List<BreakdownRow> breakdown(StatsQuery query, Dimension dimension, int limit) {
            checkAvailable();
            List<BreakdownRow> rows = List.of(
                    new BreakdownRow("/pricing", values(3, 5, 3, 6, 0.0, 30.0, 1.0)),
                    new BreakdownRow(null, values(2, 2, 2, 2, 1.0, 0.0, 1.0)),
                    new BreakdownRow("=HYPERLINK(\"http://evil\")", values(1, 1, 1, 1, 1.0, 0.0, 1.0)));
            return rows.subList(0, Math.min(limit, rows.size()));
        }

        /** Half of the visitors reach each next step. */
        @Override
        public List<Long> funnel(StatsQuery query, FunnelDefinition funnel) {
            checkAvailable();
            List<Long> visitors = new ArrayList<>();
            for (int i = 0; i < funnel.steps().size(); i++) {
                visitors.add(8L >> i);
            }
            return visitors;
        }

        /** Four visitors first seen in the range's first period, one of them back in the next (when there is one). */
        @Override
        public List<CohortActivity> retention(StatsQuery query, Interval period) {
            checkAvailable();
            List<LocalDateTime> periods = period.buckets(query.from(), query.to(), query.zone());
            LocalDateTime first = periods.get(0);
            return periods.size() == 1 ? List.of(new CohortActivity(first, first, 4))
                    : List.of(new CohortActivity(first, first, 4), new CohortActivity(first, periods.get(1), 1));
        }

        @Override
        public List<LatestEvent> latestEvents(String source, Instant since, int limit) {
            checkAvailable();
            return List.of(LatestEvent.of(since.plusSeconds(120), "track", "Signed Up", null, "/pricing", "KE", "mobile"),
                    LatestEvent.of(since.plusSeconds(60), "page", null, "Pricing", "/pricing", null, "desktop"));
        }

        @Override
        public long visitorsSince(String source, Instant since) {
            checkAvailable();
            return 3;
        }

        /** 8 events, 2 of them late; 99% of recent events arrive within 3 hours. */
        @Override
        public Freshness freshness(StatsQuery query, Instant now) {
            checkAvailable();
            return Freshness.of(8, 2, 40, 3 * 3_600_000L, now);
        }

        @Override
        public List<String> sources() {
            checkAvailable();
            return List.of("web", "app");
        }

        private void checkAvailable() {
            if (unavailable) {
                throw new StoreUnavailableException("store switched off by the test", null);
            }
        }
    }
}
