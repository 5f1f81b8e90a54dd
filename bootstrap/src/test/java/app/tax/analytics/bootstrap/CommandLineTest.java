package app.tax.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.bootstrap.roles.AllCommand;
import app.tax.analytics.bootstrap.roles.RunningRole;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The one jar's command line: help for every command, one clear line for bad configuration, first run. */
class CommandLineTest {
    @TempDir
    Path dataDir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"all", "collector", "processor", "dashboard", "migrate", "users", "users add", "users list", "users remove", "erase", "bench"})
    void everyCommandHasHelp(String command) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        // picocli reports a description it cannot format (a lone '%') on System.err, and prints it unformatted
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        PrintStream systemErr = System.err;
        Run run;
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            run = run(args.toArray(String[]::new));
        } finally {
            System.setErr(systemErr);
        }
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: analytics " + command);
        assertThat(warnings.toString(StandardCharsets.UTF_8)).as("picocli's warnings").doesNotContain("picocli WARN");
    }

    @Test
    void theTopLevelHelpListsTheRoles() {
        Run run = run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("all", "collector", "processor", "dashboard", "migrate", "users", "erase");
    }

    @Test
    void helpNamesEachVariableButNeverShowsASecretsValue() {
        Run run = run("all", "--help", "--jwt-secret=do-not-print-this-secret-0123456789", "--allowed-write-keys=web:do-not-print-key");
        assertThat(run.out()).contains("JWT_SECRET", "ALLOWED_WRITE_KEYS", "BATCH_SIZE", "DATA_DIR", "COLLECTOR_PORT")
                .doesNotContain("do-not-print");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "all|--batch-size=abc|BATCH_SIZE must be a whole number from 1 to 100000, got 'abc'",
            "all|--flush-interval-ms=0|FLUSH_INTERVAL_MS must be from 10 to 600000, got 0",
            "all|--ip-anonymization=maybe|IP_ANONYMIZATION must be truncate, drop or off, got 'maybe'",
            "all|--allowed-origins=tax.app|ALLOWED_ORIGINS entry 'tax.app' must be an origin like https://tax.app",
            "all|--jwt-secret=short|JWT_SECRET must be at least 32 bytes, got 5",
            "all|--trust-proxy=perhaps|TRUST_PROXY must be true or false, got 'perhaps'",
            "all|--collector-port=70000|COLLECTOR_PORT must be from 0 to 65535, got 70000",
            "all|--redis-url=http://x|REDIS_URL must look like redis://host:6379",
            "all|--maxmind-db-path=/no/such/file.mmdb|MAXMIND_DB_PATH points to '/no/such/file.mmdb', which is not a readable file",
            "all|--log-level=loud|LOG_LEVEL must be one of trace, debug, info, warn, error, off; got 'loud'",
            "all|--rate-limit-window-ms=-5|RATE_LIMIT_WINDOW_MS must be from 100 to 86400000, got -5",
            "all|--smtp-host=mail.tax.app|SMTP_FROM is required",
            "all|--smtp-starttls=sometimes|SMTP_HOST is required with SMTP_STARTTLS"})
    void invalidConfigurationStopsWithOneLineNamingTheVariable(String role, String option, String message) {
        Run run = run(role, option, "--data-dir=" + dataDir, "--jwt-secret=", "--allowed-write-keys=", "--redis-url=", "--clickhouse-host=",
                option);
        assertThat(run.exitCode()).isEqualTo(Main.CONFIGURATION_ERROR);
        assertThat(run.err().strip()).startsWith("analytics: invalid configuration: " + message).doesNotContain("\n");
        assertThat(dataDir).as("nothing is created before the configuration is checked").isEmptyDirectory();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "dashboard --clickhouse-host=localhost --jwt-secret=|JWT_SECRET is required",
            "dashboard --clickhouse-host=localhost --jwt-secret=only-twenty-bytes-long|JWT_SECRET must be at least 32 bytes",
            "collector --allowed-write-keys=web:abcdefgh12 --redis-url=|REDIS_URL is required for this role",
            "processor --redis-url=redis://localhost:1 --clickhouse-host=|CLICKHOUSE_HOST is required for this role",
            "collector --redis-url=redis://localhost:1 --allowed-write-keys=|ALLOWED_WRITE_KEYS is required",
            "collector --redis-url=redis://localhost:1 --allowed-write-keys=web:short|ALLOWED_WRITE_KEYS entry 1 has a key shorter than 8 characters",
            "collector --allowed-write-keys=web:abcdefgh12 --redis-url=redis://localhost:1 --redis-stream-shards=0|REDIS_STREAM_SHARDS must be from 1 to 1024, got 0",
            "collector --allowed-write-keys=web:abcdefgh12 --redis-url=redis://localhost:1 --redis-cluster=maybe|REDIS_CLUSTER must be true or false, got 'maybe'",
            "collector --allowed-write-keys=web:abcdefgh12 --redis-url=redis://localhost:1 --redis-min-replicas-ack=-2|REDIS_MIN_REPLICAS_ACK must be from 0 to 16, got -2",
            "migrate --clickhouse-host=|CLICKHOUSE_HOST is required",
            "dashboard --clickhouse-host=localhost --jwt-secret=a-dashboard-secret-that-is-32-bytes! --smtp-host=mail.tax.app --smtp-from=r@tax.app --redis-url=|REDIS_URL is required with SMTP_HOST"})
    void productionRolesRefuseToStartWithoutWhatTheyNeed(String commandLine, String message) {
        Run run = run(commandLine.split(" "));
        assertThat(run.exitCode()).isEqualTo(Main.CONFIGURATION_ERROR);
        assertThat(run.err().strip()).startsWith("analytics: invalid configuration: " + message).doesNotContain("\n");
    }

    @Test
    void theFirstRunPrintsAGeneratedWriteKeyAndAdminPasswordOnceOnly() throws Exception {
        String first = startAndStop();
        String second = startAndStop();

        String key = Files.readString(dataDir.resolve("write-keys")).strip().substring("default:".length());
        assertThat(first).contains("Generated a write key for source 'default'", key, "curl -u " + key + ":")
                .contains("Created the first dashboard admin", "admin@localhost");
        assertThat(second).doesNotContain(key).doesNotContain("Created the first dashboard admin");
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("write-keys")))
                .as("only the owner may read the key").containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    private String startAndStop() {
        AllCommand command = new AllCommand();
        new CommandLine(command).setOverwrittenOptionsAllowed(true).parseArgs("--data-dir=" + dataDir, "--collector-port=0",
                "--dashboard-port=0", "--allowed-write-keys=", "--admin-password=", "--admin-email=", "--jwt-secret=",
                "--redis-url=", "--clickhouse-host=", "--maxmind-db-path=");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (RunningRole role = command.start(new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            assertThat(role.port("collector")).isPositive();
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
