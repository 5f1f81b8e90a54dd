package app.tax.analytics.adapters.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.port.out.DailySalts;
import app.tax.analytics.testsupport.contract.DailySaltsContract;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The shared contract in one process, and the forgetting of old days. */
class InMemoryDailySaltsTest extends DailySaltsContract {
    private final InMemoryDailySalts salts = new InMemoryDailySalts();

    @Override
    protected DailySalts firstCollector() {
        return salts;
    }

    @Override
    protected DailySalts secondCollector() {
        return salts;
    }

    @Test
    void daysBeforeYesterdayAreForgotten() {
        LocalDate day = someDay();
        String first = salts.saltFor(day);
        salts.saltFor(day.plusDays(1));
        assertThat(salts.size()).as("yesterday is kept for events that arrive around midnight").isEqualTo(2);

        salts.saltFor(day.plusDays(2));

        assertThat(salts.size()).isEqualTo(2);
        assertThat(salts.saltFor(day)).as("a forgotten day's salt is never seen again").isNotEqualTo(first);
        assertThat(EmbeddedAdapters.inMemoryDailySalts()).isInstanceOf(InMemoryDailySalts.class);
    }
}
