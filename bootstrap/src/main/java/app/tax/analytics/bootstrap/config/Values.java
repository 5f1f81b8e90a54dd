package app.tax.analytics.bootstrap.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Typed reading of configuration values, each error naming the environment variable (which is also
 * the option's name in upper case), so a wrong value stops start-up with one clear line.
 */
public final class Values {
    private Values() {
    }

    public static boolean isSet(String raw) {
        return raw != null && !raw.isBlank();
    }

    public static int integer(String variable, String raw, int defaultValue, int min, int max) {
        if (!isSet(raw)) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value < min || value > max) {
                throw new ConfigurationException(variable + " must be from " + min + " to " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(variable + " must be a whole number from " + min + " to " + max + ", got '" + raw + "'");
        }
    }

    public static int port(String variable, String raw, int defaultValue) {
        return integer(variable, raw, defaultValue, 0, 65535);
    }

    public static boolean bool(String variable, String raw, boolean defaultValue) {
        if (!isSet(raw)) {
            return defaultValue;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigurationException(variable + " must be true or false, got '" + raw + "'");
        };
    }

    public static List<String> list(String raw) {
        if (!isSet(raw)) {
            return List.of();
        }
        return Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public static String text(String raw, String defaultValue) {
        return isSet(raw) ? raw.strip() : defaultValue;
    }

    public static String required(String variable, String raw, String why) {
        if (!isSet(raw)) {
            throw new ConfigurationException(variable + " is required " + why);
        }
        return raw.strip();
    }

    public static Path readableFile(String variable, String raw) {
        Path path = Path.of(raw.strip());
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ConfigurationException(variable + " points to '" + path + "', which is not a readable file");
        }
        return path;
    }
}
