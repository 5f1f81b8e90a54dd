package app.tax.analytics.domain.source;

import java.util.regex.Pattern;

/** Names of sources (the {@code name} of a {@code name:key} write key entry). */
public final class SourceName {
    public static final String RULE = "a source name is 1-64 letters, digits, '-', '_' or '.'";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private SourceName() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }
}
