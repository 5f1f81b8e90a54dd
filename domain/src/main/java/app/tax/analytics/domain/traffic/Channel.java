package app.tax.analytics.domain.traffic;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a visit came from, as the dashboard groups acquisition. */
public enum Channel {
    DIRECT, SEARCH, SOCIAL, EMAIL, PAID, REFERRAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> fromWire(String value) {
        return Arrays.stream(values()).filter(c -> c.wireName().equalsIgnoreCase(value)).findFirst();
    }
}
