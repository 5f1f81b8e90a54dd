package app.tax.analytics.application.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RepeatedWarningTest {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000);
    private final RepeatedWarning warning = new RepeatedWarning(new RecordingLogger(), Duration.ofSeconds(10), now::get);

    @Test
    void tenThousandRefusalsInAnIntervalAreOneLineThenACount() {
        for (int i = 0; i < 10_000; i++) {
            warning.warn("queue unavailable");
        }
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        warning.warn("queue unavailable");

        assertThat(lines).containsExactly("queue unavailable", "queue unavailable (and 9999 like it in the last 10 s)");
    }

    private final class RecordingLogger implements System.Logger {
        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(format);
        }
    }
}
