package app.tax.analytics.bootstrap.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * End-to-end lag (sent → visible in the store), read through the dashboard API: while the load runs, the
 * source's event count of today is polled every {@link #POLL_EVERY}; an accepted event is taken as visible
 * at the first poll whose count (minus the count before the run) reaches its place in the order of
 * acceptance. This assumes the pipeline stores events in about the order it accepted them (one queue, read
 * in order); the figures are exact to the poll interval under that assumption.
 */
final class StoreVisibility implements AutoCloseable {
    static final Duration POLL_EVERY = Duration.ofMillis(100);
    /** Longer than the processor's flush interval (1 s by default), so a backlog still being written is seen moving. */
    private static final Duration SETTLED = Duration.ofSeconds(2);
    /** No change of the count for this long means nothing more is coming (a stuck pipeline, or another source). */
    static final Duration STALLED = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One poll: when ({@link System#nanoTime}) and how many events of the run were stored. */
    private record Sample(long atNanos, long stored) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI overview;
    private final String token;
    private final long before;
    private final Optional<List<String>> listedSources;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread poller;
    private volatile boolean stop;

    private StoreVisibility(URI overview, String token, Optional<List<String>> listedSources) throws IOException, InterruptedException {
        this.overview = overview;
        this.token = token;
        this.listedSources = listedSources;
        this.before = settledCount();
        this.poller = new Thread(this::poll, "bench-lag");
        poller.setDaemon(true);
    }

    /**
     * The count once the events of earlier loads (a warm-up) are all stored: the same over {@link #SETTLED}, or
     * the last one after a minute. Read too early, the warm-up's last events would count as the run's and the
     * count would reach the run's total before its last events were stored.
     */
    private long settledCount() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        long count = storedEvents();
        while (System.nanoTime() < deadline) {
            Thread.sleep(SETTLED.toMillis());
            long now = storedEvents();
            if (now == count) {
                return count;
            }
            count = now;
        }
        return count;
    }

    /** Signs in to the dashboard and reads the count before the run. */
    static StoreVisibility start(String dashboardUrl, String email, String password, String source)
            throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        String base = dashboardUrl.replaceAll("/+$", "");
        String login = MAPPER.writeValueAsString(Map.of("email", email, "password", password));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(login)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the dashboard refused the sign-in of " + email + ": HTTP " + response.statusCode());
        }
        String token = MAPPER.readTree(response.body()).path("token").asText();
        HttpResponse<String> sources = client.send(HttpRequest.newBuilder(URI.create(base + "/api/sources"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        List<String> listed = null;
        if (sources.statusCode() == 200) {
            listed = new ArrayList<>();
            for (JsonNode listedSource : MAPPER.readTree(sources.body())) {
                listed.add(listedSource.path("id").asText());
            }
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        URI overview = URI.create(base + "/api/stats/overview?source=" + URLEncoder.encode(source, StandardCharsets.UTF_8)
                + "&from=" + today.minusDays(1) + "&to=" + today.plusDays(1));
        StoreVisibility visibility = new StoreVisibility(overview, token,
                listed == null ? Optional.empty() : Optional.of(List.copyOf(listed)));
        visibility.poller.start();
        return visibility;
    }

    /**
     * The sources the dashboard lists for its user (those of its write keys and those with stored events). A source
     * not among them gets no events from this write key, so every event would be "not seen stored". Empty when the
     * dashboard did not answer the list.
     */
    Optional<List<String>> listedSources() {
        return listedSources;
    }

    private long storedEvents() throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(overview).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the dashboard's overview answered HTTP " + response.statusCode());
        }
        JsonNode body = MAPPER.readTree(response.body());
        return body.path("events").asLong();
    }

    private void poll() {
        while (!stop) {
            try {
                long stored = storedEvents() - before;
                synchronized (samples) {
                    samples.add(new Sample(System.nanoTime(), stored));
                }
                Thread.sleep(POLL_EVERY.toMillis());
            } catch (IOException e) {
                // a missed poll only coarsens the figures
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Waits (at most {@code patience}, and no longer than {@link #STALLED} without a change of the count) until all
     * {@code accepted} events are stored, then gives each its lag in microseconds, from when its request was sent;
     * events never seen stored are counted in {@link Lag#missing}.
     */
    Lag lag(List<OpenLoopLoad.Accepted> accepted, Duration patience) throws InterruptedException {
        long total = accepted.stream().mapToLong(OpenLoopLoad.Accepted::events).sum();
        long deadline = System.nanoTime() + patience.toNanos();
        long seen = latestStored();
        long changedAt = System.nanoTime();
        while (System.nanoTime() < deadline && seen < total && System.nanoTime() - changedAt < STALLED.toNanos()) {
            Thread.sleep(POLL_EVERY.toMillis());
            long now = latestStored();
            if (now != seen) {
                seen = now;
                changedAt = System.nanoTime();
            }
        }
        stop = true;
        poller.interrupt();
        poller.join();
        List<Sample> polls;
        synchronized (samples) {
            polls = List.copyOf(samples);
        }
        Histogram lag = new Histogram(3);
        long placed = 0;
        long missing = 0;
        int poll = 0;
        for (OpenLoopLoad.Accepted request : accepted) {
            placed += request.events();
            while (poll < polls.size() && (polls.get(poll).stored() < placed || polls.get(poll).atNanos() < request.answeredNanos())) {
                poll++;
            }
            if (poll == polls.size()) {
                missing += request.events();
            } else {
                lag.recordValueWithCount(Math.max(1, (polls.get(poll).atNanos() - request.sentNanos()) / 1000), request.events());
            }
        }
        return new Lag(lag, missing);
    }

    private long latestStored() {
        synchronized (samples) {
            return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).stored();
        }
    }

    record Lag(Histogram micros, long missing) {
    }

    @Override
    public void close() {
        stop = true;
        poller.interrupt();
    }
}
