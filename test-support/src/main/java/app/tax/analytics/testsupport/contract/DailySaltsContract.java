package app.tax.analytics.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.port.out.DailySalts;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DailySalts} must do. Days are picked at random far in the future, so runs against a shared
 * server never meet each other's salts.
 */
public abstract class DailySaltsContract {

    /** The salts as one collector sees them. */
    protected abstract DailySalts firstCollector();

    /** The salts as another collector of the same deployment sees them (the same object for one process). */
    protected abstract DailySalts secondCollector();

    protected static LocalDate someDay() {
        return LocalDate.of(2200, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(300_000));
    }

    @Test
    void aDayHasOneSaltForEveryCollector() {
        LocalDate day = someDay();

        String salt = firstCollector().saltFor(day);

        assertThat(firstCollector().saltFor(day)).isEqualTo(salt);
        assertThat(secondCollector().saltFor(day)).isEqualTo(salt);
    }

    @Test
    void everyDayHasAnotherLongRandomSalt() {
        LocalDate day = someDay();

        String today = firstCollector().saltFor(day);
        String tomorrow = firstCollector().saltFor(day.plusDays(1));

        assertThat(today).isNotEqualTo(tomorrow);
        assertThat(List.of(today, tomorrow)).allSatisfy(salt -> assertThat(salt).matches("[0-9a-f]{64}"));
    }

    @Test
    void collectorsAskingForANewDayAtOnceAgreeOnItsSalt() throws Exception {
        LocalDate day = someDay();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> asks = IntStream.range(0, 16).<Callable<String>>mapToObj(i ->
                    () -> (i % 2 == 0 ? firstCollector() : secondCollector()).saltFor(day)).toList();
            List<String> salts = pool.invokeAll(asks).stream().map(DailySaltsContract::result).toList();

            assertThat(salts).containsOnly(salts.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    private static String result(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError("asking for a salt failed", e);
        }
    }
}
