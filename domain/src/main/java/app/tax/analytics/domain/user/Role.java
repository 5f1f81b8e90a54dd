package app.tax.analytics.domain.user;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Dashboard roles: admins manage users and see every source; viewers read. */
public enum Role {
    ADMIN, VIEWER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String value) {
        return Arrays.stream(values()).filter(r -> r.wireName().equalsIgnoreCase(value == null ? "" : value.strip())).findFirst();
    }
}
