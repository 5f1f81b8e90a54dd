package app.tax.analytics.bootstrap.e2e;

import app.tax.analytics.bootstrap.roles.AllCommand;
import app.tax.analytics.bootstrap.roles.RunningRole;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code analytics all} started in this JVM on free ports, with a temporary DATA_DIR: the embedded
 * default exactly as a newcomer runs it, with every setting given explicitly so that the environment
 * of the machine running the tests cannot change it.
 */
public final class AllRoleFixture implements AutoCloseable {
    public static final String WRITE_KEY = "e2e-write-key-0001";
    public static final String ADMIN_EMAIL = "admin@tax.app";
    public static final String ADMIN_PASSWORD = "correct horse battery";

    public final RunningRole role;
    public final HttpJson collector;
    public final HttpJson dashboard;
    public final String output;

    public AllRoleFixture(Path dataDir, String... extraArgs) {
        // A null folder would become "./null" and carry data from one test run into the next.
        java.util.Objects.requireNonNull(dataDir, "dataDir");
        List<String> args = new ArrayList<>(List.of(
                "--collector-port=0", "--dashboard-port=0", "--data-dir=" + dataDir,
                "--allowed-write-keys=web:" + WRITE_KEY, "--allowed-origins=https://tax.app",
                "--dashboard-allowed-origins=",
                "--admin-email=" + ADMIN_EMAIL, "--admin-password=" + ADMIN_PASSWORD,
                "--jwt-secret=an-end-to-end-test-secret-of-32-bytes-or-more",
                "--redis-url=", "--clickhouse-host=", "--queue-durability=", "--queue-max-mb=", "--maxmind-db-path=", "--trust-proxy=false",
                "--batch-size=50", "--flush-interval-ms=100", "--rate-limit-max-requests=0"));
        args.addAll(List.of(extraArgs));
        AllCommand command = new AllCommand();
        new CommandLine(command).setOverwrittenOptionsAllowed(true).parseArgs(args.toArray(String[]::new));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        role = command.start(new PrintStream(printed, true, StandardCharsets.UTF_8));
        output = printed.toString(StandardCharsets.UTF_8);
        collector = new HttpJson(role.port("collector"));
        dashboard = new HttpJson(role.port("dashboard"));
    }

    public String login() {
        return dashboard.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    @Override
    public void close() {
        role.close();
    }
}
