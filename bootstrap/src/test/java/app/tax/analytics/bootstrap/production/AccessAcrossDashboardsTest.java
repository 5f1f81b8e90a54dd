package app.tax.analytics.bootstrap.production;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.adapters.clickhouse.ClickHouseMigrations;
import app.tax.analytics.adapters.clickhouse.ClickHouseSettings;
import app.tax.analytics.bootstrap.e2e.HttpJson;
import app.tax.analytics.bootstrap.roles.DashboardCommand;
import app.tax.analytics.bootstrap.roles.RunningRole;
import app.tax.analytics.testsupport.clickhouse.ClickHouseFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/**
 * Two dashboard instances on one ClickHouse database (V005's tables), as behind a load balancer: an API key
 * revoked or a share deleted on one answers 401 / 404 on the other at its very next request (no cache).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessAcrossDashboardsTest {
    private static final String RANGE = "?source=web&from=2026-11-28&to=2026-11-30";

    private final List<RunningRole> roles = new ArrayList<>();
    private HttpJson first;
    private HttpJson second;
    private String admin;

    @BeforeAll
    void startTwoDashboards() {
        ClickHouseFixture clickhouse = ClickHouseFixture.shared();
        String database = clickhouse.newDatabase("access");
        ClickHouseMigrations.migrate(new ClickHouseSettings(clickhouse.host(), clickhouse.port(), database,
                clickhouse.user(), clickhouse.password(), clickhouse.options()), 0);
        first = new HttpJson(start(clickhouse, database));
        second = new HttpJson(start(clickhouse, database));
        admin = first.login("ops@tax.app", "access test password");
    }

    private int start(ClickHouseFixture clickhouse, String database) {
        DashboardCommand command = new DashboardCommand();
        new CommandLine(command).setOverwrittenOptionsAllowed(true).parseArgs("--port=0", "--metrics-port=0",
                "--clickhouse-host=" + clickhouse.host(), "--clickhouse-port=" + clickhouse.port(),
                "--clickhouse-database=" + database, "--clickhouse-user=" + clickhouse.user(),
                "--clickhouse-password=" + clickhouse.password(), "--clickhouse-options=" + clickhouse.options(),
                "--jwt-secret=access-test-secret-of-at-least-32-bytes!", "--admin-email=ops@tax.app",
                "--admin-password=access test password", "--allowed-write-keys=web:access-test-write-key");
        RunningRole role = command.start(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        roles.add(role);
        return role.port("dashboard");
    }

    @AfterAll
    void stop() {
        roles.forEach(RunningRole::close);
    }

    @Test
    void aKeyRevokedOnOneDashboardIs401OnTheOtherAtOnce() {
        HttpJson.Response created = first.post("/api/keys", admin, "{\"name\":\"export\",\"sources\":[\"web\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String key = created.json().get("key").asText();
        assertThat(second.get("/api/stats/overview" + RANGE, key).status()).isEqualTo(200);
        assertThat(second.get("/api/stats/overview?source=other&from=2026-11-28&to=2026-11-30", key).status()).isEqualTo(403);

        assertThat(first.delete("/api/keys/" + created.json().get("id").asText(), admin).status()).isEqualTo(204);

        assertThat(second.get("/api/stats/overview" + RANGE, key).status()).isEqualTo(401);
        assertThat(first.get("/api/stats/overview" + RANGE, key).status()).isEqualTo(401);
    }

    @Test
    void aShareDeletedOnOneDashboardIs404OnTheOther() {
        HttpJson.Response created = first.post("/api/shares", admin, "{\"source\":\"web\",\"minVisitors\":3}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        HttpJson.Response breakdown = second.get("/api/share/" + id + "/stats/breakdown" + RANGE + "&dimension=page", null);
        assertThat(breakdown.status()).as(breakdown.body()).isEqualTo(200);
        assertThat(breakdown.json().get("minVisitors").asInt()).isEqualTo(3);

        assertThat(first.delete("/api/shares/" + id, admin).status()).isEqualTo(204);

        assertThat(second.get("/share/" + id, null).status()).isEqualTo(404);
        assertThat(second.get("/api/share/" + id + "/stats/overview" + RANGE, null).status()).isEqualTo(404);
    }
}
