package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.DailySalts;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link DailySalts} for one process: a random salt per UTC day, only in memory (a restart forgets them, which
 * only starts new cookieless visitors early). Days before yesterday are forgotten, like Redis' 48 hour expiry.
 */
final class InMemoryDailySalts implements DailySalts {
    private static final int SALT_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final Map<LocalDate, String> salts = new ConcurrentHashMap<>();

    @Override
    public String saltFor(LocalDate utcDay) {
        Objects.requireNonNull(utcDay, "utcDay");
        LocalDate yesterday = utcDay.minusDays(1);
        salts.keySet().removeIf(day -> day.isBefore(yesterday));
        return salts.computeIfAbsent(utcDay, day -> newSalt());
    }

    private String newSalt() {
        byte[] bytes = new byte[SALT_BYTES];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Days currently remembered (for tests of the forgetting). */
    int size() {
        return salts.size();
    }
}
