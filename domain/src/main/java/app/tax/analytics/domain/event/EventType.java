package app.tax.analytics.domain.event;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The Segment message types the collector accepts. */
public enum EventType {
    TRACK, PAGE, SCREEN, IDENTIFY, GROUP, ALIAS;

    /** The lower-case name used on the wire and in storage ("track", "page", ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EventType> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.wireName().equals(wanted)).findFirst();
    }
}
