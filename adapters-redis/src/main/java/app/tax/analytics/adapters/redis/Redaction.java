package app.tax.analytics.adapters.redis;

import java.util.regex.Pattern;

/** Keeps passwords and full IP addresses out of logs and exception messages (docs/ARCHITECTURE.md, "Observability"). */
final class Redaction {
    /** Everything between "://" and "@": Lettuce reads a lone user-info part as the password. */
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@]*@");
    private static final Pattern IPV4_LAST_OCTET = Pattern.compile("\\b(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})\\.\\d{1,3}\\b");
    /** Three or more colon-separated hex groups: an IPv6 address; the groups after the third are hidden. */
    private static final Pattern IPV6_TAIL = Pattern.compile("\\b([0-9a-fA-F]{1,4}:[0-9a-fA-F]{0,4}:[0-9a-fA-F]{0,4})(:[0-9a-fA-F]{0,4}){1,5}\\b");

    private Redaction() {
    }

    /** The URL with its user information replaced by {@code ***} and any IP literal shortened. */
    static String url(String url) {
        if (url == null) {
            return null;
        }
        return text(USER_INFO.matcher(url).replaceFirst("***@"));
    }

    /** Free text (e.g. a driver's error message) with IP addresses shortened. */
    static String text(String text) {
        if (text == null) {
            return null;
        }
        String ipv4Masked = IPV4_LAST_OCTET.matcher(text).replaceAll("$1.x");
        return IPV6_TAIL.matcher(ipv4Masked).replaceAll("$1:x");
    }
}
