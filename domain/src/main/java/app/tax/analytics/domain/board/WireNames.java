package app.tax.analytics.domain.board;

import java.util.Locale;
import java.util.Optional;

/** The names the board's enums have on the wire and in the stores: their constant names in lower case. */
final class WireNames {
    private WireNames() {
    }

    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} whose wire name is {@code name}; empty for none (and for null). */
    static <E extends Enum<E>> Optional<E> find(Class<E> type, String name) {
        for (E value : type.getEnumConstants()) {
            if (of(value).equals(name)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
