package app.tax.analytics.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.bootstrap.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DUCKDB_MEMORY_LIMIT} bounds the embedded store: a dashboard query that needs more than the limit is
 * answered 503 with Retry-After, and the process goes on serving.
 */
class DuckDbMemoryLimitTest {
    private static final int EVENTS = 40_000;

    @TempDir
    Path dataDir;

    @Test
    void aDashboardQueryOverTheMemoryLimitIsAnswered503AndTheProcessStaysUp() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String overview = "/api/stats/overview?source=web&from=" + today.minusDays(1) + "&to=" + today.plusDays(2);
        try (AllRoleFixture all = new AllRoleFixture(dataDir, "--batch-size=5000")) {
            StringWriter out = new StringWriter();
            int exitCode = Main.commandLine().setOut(new PrintWriter(out)).execute("bench",
                    "--url=http://127.0.0.1:" + all.role.port("collector"), "--write-key=" + AllRoleFixture.WRITE_KEY,
                    "--requests=" + EVENTS / 500, "--batch-size=500", "--rate=20", "--connections=2", "--visitors=" + EVENTS);
            assertThat(exitCode).as(out.toString()).isZero();
            String token = all.login();
            long stored = 0;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (stored < EVENTS && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
                stored = all.dashboard.get(overview, token).json().get("events").asLong();
            }
            assertThat(stored).isEqualTo(EVENTS);
        }
        // the overview groups tens of thousands of sessions: far more than 2 MB (since it counts visitors without
        // per-session lists it fits in 8 MB)
        try (AllRoleFixture starved = new AllRoleFixture(dataDir, "--duckdb-memory-limit=2MB", "--duckdb-threads=1")) {
            String token = starved.login();
            HttpJson.Response response = starved.dashboard.get(overview, token);
            assertThat(response.status()).as(response.body()).isEqualTo(503);
            assertThat(response.raw().headers().firstValue("Retry-After")).isPresent();
            assertThat(starved.dashboard.get("/api/me", token).status()).isEqualTo(200);
        }
    }
}
