package app.tax.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.bootstrap.e2e.AllRoleFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code analytics bench} against a collector on loopback: a bounded run whose events all arrive. */
class BenchCommandTest {
    @TempDir
    Path dataDir;

    @Test
    void aBoundedRunReportsThroughputLatencyAndStatusesAndEveryEventIsStored() throws Exception {
        try (AllRoleFixture all = new AllRoleFixture(dataDir)) {
            StringWriter out = new StringWriter();
            CommandLine commandLine = Main.commandLine();
            commandLine.setOut(new PrintWriter(out));
            int exitCode = commandLine.execute("bench", "--url=http://127.0.0.1:" + all.role.port("collector"),
                    "--write-key=" + AllRoleFixture.WRITE_KEY, "--requests=40", "--concurrency=4", "--batch-size=10",
                    "--duration=60", "--visitors=7");

            assertThat(exitCode).isZero();
            assertThat(out.toString()).contains("requests      40 in", "events        400 accepted", "latency ms    p50",
                    "status codes  {200=40}");

            String token = all.login();
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            String overview = "/api/stats/overview?source=web&from=" + today.minusDays(1) + "&to=" + today.plusDays(2);
            long events = 0;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (events < 400 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
                events = all.dashboard.get(overview, token).json().get("events").asLong();
            }
            assertThat(events).isEqualTo(400);
            assertThat(all.dashboard.get(overview, token).json().get("visitors").asLong()).isEqualTo(7);
        }
    }
}
