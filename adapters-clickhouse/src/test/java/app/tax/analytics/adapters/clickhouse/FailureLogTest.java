package app.tax.analytics.adapters.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One line per failure with its cause, at most one per interval, and a line when the server is back. */
class FailureLogTest {
    private final AtomicLong now = new AtomicLong();
    private final RecordingLogger logger = new RecordingLogger();
    private final FailureLog log = new FailureLog("ch-0:8123", Duration.ofSeconds(30), now::get, logger);

    @Test
    void anOutageWritesOneLinePerIntervalWithTheCountOfTheFailuresInBetween() {
        for (int second = 0; second < 50; second++) {
            now.set(Duration.ofSeconds(second).toNanos());
            for (int call = 0; call < 32; call++) {
                log.failed("an insert of 500 rows", refused());
            }
        }
        now.set(Duration.ofSeconds(51).toNanos());
        log.succeeded();
        log.succeeded();

        assertThat(logger.lines).containsExactly(
                "WARNING ClickHouse at ch-0:8123: an insert of 500 rows failed: Connection refused",
                "WARNING ClickHouse at ch-0:8123: an insert of 500 rows failed: Connection refused (959 more failures since the last line)",
                "INFO ClickHouse at ch-0:8123 answers again after 1600 failures");
    }

    @Test
    void aNewOutageIsReportedAtOnce() {
        log.failed("a query", refused());
        log.succeeded();
        now.set(Duration.ofSeconds(1).toNanos());
        log.failed("a query", refused());

        assertThat(logger.lines).hasSize(3).last().asString().startsWith("WARNING ClickHouse at ch-0:8123: a query failed");
    }

    @Test
    void theRootCauseIsItsFirstLine() {
        assertThat(FailureLog.rootCause(new SQLException("outer", new IllegalStateException("Code: 60. DB::Exception: no table\nstack"))))
                .isEqualTo("Code: 60. DB::Exception: no table");
        assertThat(FailureLog.rootCause(new SQLException((String) null))).isEqualTo("SQLException");
    }

    private static SQLException refused() {
        return new SQLException("Query request failed (attempt: 4)", new RuntimeException("Connect failed", new ConnectException("Connection refused")));
    }

    /** Keeps what would be logged, as text. */
    private static final class RecordingLogger implements System.Logger {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "recording";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            lines.add(level + " " + message + (thrown == null ? "" : " " + thrown));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + MessageFormat.format(format, params));
        }
    }
}
