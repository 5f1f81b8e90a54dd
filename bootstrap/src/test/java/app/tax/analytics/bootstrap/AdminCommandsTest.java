package app.tax.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.adapters.embedded.DuckDbStore;
import app.tax.analytics.adapters.embedded.EmbeddedAdapters;
import app.tax.analytics.bootstrap.e2e.AllRoleFixture;
import app.tax.analytics.bootstrap.e2e.HttpJson;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.StatsQuery;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code users} and {@code erase} against the embedded store, as an operator runs them. */
class AdminCommandsTest {
    private static final StatsQuery NOVEMBER = new StatsQuery("web", Instant.parse("2026-11-01T00:00:00Z"),
            Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC, List.of());

    @TempDir
    Path dataDir;

    private String run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int exitCode = commandLine.execute(args);
            assertThat(exitCode).as(err.toString()).isZero();
        } finally {
            System.setIn(original);
        }
        return out.toString();
    }

    @Test
    void usersAreAddedListedAndRemovedAndTheNewOneCanSignIn() {
        String dir = "--data-dir=" + dataDir;
        assertThat(run("a viewer's long password\n", "users", "add", "viewer@tax.app", "--role=viewer", "--sources=web", dir, "--clickhouse-host="))
                .contains("added viewer@tax.app (viewer)");
        assertThat(run("", "users", "list", dir, "--clickhouse-host=")).contains("viewer@tax.app", "viewer", "web");

        try (AllRoleFixture all = new AllRoleFixture(dataDir)) {
            assertThat(all.dashboard.login("viewer@tax.app", "a viewer's long password")).isNotBlank();
        }
        assertThat(run("", "users", "remove", "viewer@tax.app", dir, "--clickhouse-host=")).contains("removed viewer@tax.app");
        assertThat(run("", "users", "list", dir, "--clickhouse-host=")).doesNotContain("viewer@tax.app");
    }

    @Test
    void eraseRemovesEveryEventOfThePersonAndNothingElse() throws Exception {
        try (AllRoleFixture all = new AllRoleFixture(dataDir)) {
            send(all.collector, "person-to-forget", "m-1");
            send(all.collector, "person-to-forget", "m-2");
            send(all.collector, "someone-else", "m-3");
            awaitEvents(all, 3);
        }
        assertThat(run("", "erase", "--anonymous-id=person-to-forget", "--data-dir=" + dataDir, "--clickhouse-host="))
                .contains("erased 2 events");
        try (DuckDbStore store = EmbeddedAdapters.openDuckDb(dataDir)) {
            assertThat(store.stats().overview(NOVEMBER).count(Metric.EVENTS)).isEqualTo(1);
            assertThat(store.stats().overview(NOVEMBER).count(Metric.VISITORS)).isEqualTo(1);
        }
    }

    private static void send(HttpJson collector, String anonymousId, String messageId) {
        String body = HttpJson.JSON.createObjectNode().put("anonymousId", anonymousId).put("messageId", messageId)
                .put("timestamp", "2026-11-10T10:00:00Z").put("event", "Opened App").toString();
        assertThat(collector.postWithWriteKey("/v1/track", AllRoleFixture.WRITE_KEY, body).status()).isEqualTo(200);
    }

    private static void awaitEvents(AllRoleFixture all, long expected) throws InterruptedException {
        String token = all.login();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        long seen = 0;
        while (seen < expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            seen = all.dashboard.get("/api/stats/overview?source=web&from=2026-11-01&to=2026-12-01", token).json().get("events").asLong();
        }
        assertThat(seen).isEqualTo(expected);
    }
}
