package app.tax.analytics.bootstrap.production;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.bootstrap.RepositoryFiles;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/healthcheck.sh, the image's HEALTHCHECK, against a role running in a process of its own: it finds
 * the role and its port in the process's arguments, passes while the role serves /health and fails once
 * the role is gone.
 */
class ImageHealthCheckTest {
    private static final Path SCRIPT = RepositoryFiles.root().resolve("deploy/healthcheck.sh");

    @Test
    void passesWhileTheRoleServesHealthAndFailsWhenItIsGone(@TempDir Path dataDir) throws Exception {
        int collectorPort = freePort();
        RoleProcess all = RoleProcess.start("all", List.of("all", "--collector-port=" + collectorPort, "--dashboard-port=0",
                "--data-dir=" + dataDir, "--allowed-write-keys=web:health-check-key", "--jwt-secret=health-check-secret-of-32-bytes-or-more",
                "--admin-password=health check password", "--redis-url=", "--clickhouse-host=", "--maxmind-db-path="));
        long pid;
        try {
            assertThat(all.port()).isEqualTo(collectorPort);
            pid = all.pid();
            assertThat(healthCheck(pid)).as("exit status while running").isZero();
        } finally {
            all.kill();
        }
        assertThat(healthCheck(pid)).as("exit status once the process is gone").isNotZero();
    }

    private static int healthCheck(long pid) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
        builder.environment().put("HEALTHCHECK_PID", Long.toString(pid));
        builder.environment().remove("COLLECTOR_PORT");
        Process check = builder.start();
        assertThat(check.waitFor(10, TimeUnit.SECONDS)).as("the check ends within its timeout").isTrue();
        return check.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
