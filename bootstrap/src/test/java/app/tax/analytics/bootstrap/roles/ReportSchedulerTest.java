package app.tax.analytics.bootstrap.roles;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.adapters.redis.RedisAdapters;
import app.tax.analytics.adapters.redis.RedisConnection;
import app.tax.analytics.adapters.redis.RedisSettings;
import app.tax.analytics.application.port.in.ManageReports;
import app.tax.analytics.domain.board.ReportSchedule;
import app.tax.analytics.domain.user.DashboardUser;
import app.tax.analytics.testsupport.redis.RedisFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two dashboards (two connections to one real Redis) run the report job at the same moment: one of them sends, the
 * other finds the lock taken; once the first is done, the lock is free for the next run.
 */
class ReportSchedulerTest {
    /** Counts the runs and holds each one until released, so the two dashboards overlap. */
    private static final class SlowReports implements ManageReports {
        final AtomicInteger runs = new AtomicInteger();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch finish = new CountDownLatch(1);

        @Override
        public int sendDueReports() {
            runs.incrementAndGet();
            started.countDown();
            try {
                finish.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 1;
        }

        @Override
        public List<ReportSchedule> list(DashboardUser admin) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ReportSchedule add(DashboardUser admin, String source, ReportSchedule.Period period, List<String> recipients) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean remove(DashboardUser admin, String id) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void oneDashboardOfTwoSendsTheReports() throws Exception {
        RedisSettings settings = RedisSettings.defaults(RedisFixture.shared().url());
        try (RedisConnection first = RedisAdapters.connect(settings); RedisConnection second = RedisAdapters.connect(settings)) {
            SlowReports reports = new SlowReports();
            Thread firstDashboard = new Thread(() -> ReportScheduler.runOnce(reports, first.scheduleLock()));
            firstDashboard.start();
            assertThat(reports.started.await(10, TimeUnit.SECONDS)).isTrue();

            ReportScheduler.runOnce(reports, second.scheduleLock());
            assertThat(reports.runs).as("the second dashboard found the lock taken").hasValue(1);

            reports.finish.countDown();
            firstDashboard.join(Duration.ofSeconds(10).toMillis());
            ReportScheduler.runOnce(reports, second.scheduleLock());
            assertThat(reports.runs).as("released after the run").hasValue(2);
        }
    }
}
