package app.tax.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.bootstrap.e2e.AllRoleFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code analytics bench} against a collector on loopback: a bounded open-loop run next to the no-op
 * baseline, whose events all arrive and whose lag it measures through the dashboard.
 */
class BenchCommandTest {
    @TempDir
    Path dataDir;

    @Test
    void aBoundedRunReportsThroughputLatencyStatusesRatioAndLagAndEveryEventIsStored() throws Exception {
        try (AllRoleFixture all = new AllRoleFixture(dataDir)) {
            String out = benchWithLag(all, "--rate=100", "--visitors=7", "--baseline");
            assertThat(out).contains("open loop     100 requests/s of 10 events over 4 connections",
                    "no-op         40 requests in", "collector     40 requests in", "events      400 accepted",
                    "latency ms  p50", "status      {200=40}", "ratio         throughput", "lag ms        p50",
                    "0 events not seen stored");

            String token = all.login();
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            String overview = "/api/stats/overview?source=web&from=" + today.minusDays(1) + "&to=" + today.plusDays(2);
            assertThat(all.dashboard.get(overview, token).json().get("events").asLong()).isEqualTo(400);
            assertThat(all.dashboard.get(overview, token).json().get("visitors").asLong()).isEqualTo(7);
        }
    }

    @Test
    void theLagOfARunAfterAWarmUpCountsOnlyTheRunsEvents() throws Exception {
        try (AllRoleFixture all = new AllRoleFixture(dataDir)) {
            // The warm-up's last events are still on their way to the store when the measured run starts.
            String out = benchWithLag(all, "--rate=200", "--warmup=1");
            assertThat(out).contains("events      400 accepted", "lag ms        p50", "0 events not seen stored");
        }
    }

    @Test
    void aSourceTheDashboardDoesNotListIsWarnedOfAndTheLagStopsWaitingOnceTheCountStandsStill() throws Exception {
        try (AllRoleFixture all = new AllRoleFixture(dataDir)) {
            long start = System.nanoTime();
            String out = benchWithLag(all, "--rate=200", "--source=mobile");
            assertThat(out).contains("warning       the dashboard lists no source 'mobile' (it lists: web)",
                    "events      400 accepted", "400 events not seen stored");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited for a count that stood still")
                    .isLessThan(Duration.ofSeconds(40));
        }
    }

    @Test
    void serveBaselineServesTheNoOpHandlerForAnOutsideLoadGeneratorAndStopsAfterItsDuration() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> commandLine.execute("bench", "--serve-baseline=0", "--duration=3"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Matcher url = Pattern.compile("serving (http://127\\.0\\.0\\.1:\\d+)").matcher("");
        while (!url.reset(out.toString()).find() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(url.find(0)).as(out.toString()).isTrue();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url.group(1) + "/v1/track"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"Signed Up\",\"userId\":\"u1\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"success\":true}");
        assertThat(exit.get(15, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void sendingWithoutAWriteKeyIsAClearError() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute("bench", "--requests=1");
        assertThat(exitCode).isNotZero();
        assertThat(err.toString()).contains("--write-key is needed");
    }

    /**
     * Runs the bench for 40 requests of 10 events over 4 connections against {@code all}, measuring the lag
     * through its dashboard, with the {@code options} added; asserts it succeeds and returns what it printed.
     */
    private String benchWithLag(AllRoleFixture all, String... options) throws Exception {
        Path passwordFile = Files.writeString(dataDir.resolve("password"), AllRoleFixture.ADMIN_PASSWORD + "\n");
        StringWriter out = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        List<String> arguments = new ArrayList<>(List.of("bench", "--url=http://127.0.0.1:" + all.role.port("collector"),
                "--write-key=" + AllRoleFixture.WRITE_KEY, "--requests=40", "--connections=4", "--batch-size=10", "--duration=60",
                "--dashboard-url=http://127.0.0.1:" + all.role.port("dashboard"),
                "--dashboard-email=" + AllRoleFixture.ADMIN_EMAIL, "--dashboard-password-file=" + passwordFile));
        arguments.addAll(List.of(options));
        int exitCode = commandLine.execute(arguments.toArray(String[]::new));
        assertThat(exitCode).as(out.toString()).isZero();
        return out.toString();
    }
}
