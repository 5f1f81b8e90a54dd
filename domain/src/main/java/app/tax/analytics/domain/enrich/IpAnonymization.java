package app.tax.analytics.domain.enrich;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What is kept of a client IP after the GeoIP lookup ({@code IP_ANONYMIZATION}): nothing, a
 * truncated network (IPv4 /24, IPv6 /48: the default), or the full address.
 */
public enum IpAnonymization {
    OFF, TRUNCATE, DROP;

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Accepts off/truncate/drop and the booleans true (truncate) / false (off). */
    public static Optional<IpAnonymization> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "off", "false", "none", "0" -> Optional.of(OFF);
            case "truncate", "true", "on", "1" -> Optional.of(TRUNCATE);
            case "drop" -> Optional.of(DROP);
            default -> Optional.empty();
        };
    }

    /** The address as it may be stored; null when dropped or not an IP literal. */
    public String apply(String ip) {
        if (ip == null || ip.isBlank() || this == DROP) {
            return null;
        }
        InetAddress address = literal(ip.strip());
        if (address == null) {
            return null;
        }
        if (this == OFF) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int keep = bytes.length == 4 ? 3 : 6;
        Arrays.fill(bytes, keep, bytes.length, (byte) 0);
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * Parses an IP literal without ever doing a DNS lookup. IPv4 is read here, octet by octet:
     * {@code InetAddress.getByName} resolves anything it does not take for a literal, such as "999.1.1.1".
     */
    public static InetAddress literal(String ip) {
        if (ip == null) {
            return null;
        }
        try {
            if (IPV4.matcher(ip).matches()) {
                String[] octets = ip.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(octets[i]);
                    if (octet > 255) {
                        return null;
                    }
                    bytes[i] = (byte) octet;
                }
                return InetAddress.getByAddress(bytes);
            }
            // A string with ':' is only ever parsed as an IPv6 literal, never resolved.
            boolean v6 = ip.indexOf(':') >= 0
                    && ip.chars().allMatch(c -> c < 128 && (Character.digit(c, 16) >= 0 || c == ':' || c == '.'));
            return v6 ? InetAddress.getByName(ip) : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
