package app.tax.analytics.adapters.geoip;

import app.tax.analytics.domain.enrich.IpAnonymization;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Client IP text → an address worth looking up: a public unicast literal, parsed without DNS. */
final class PublicIpAddress {
    /** The longest IPv6 text, an IPv4-suffixed form such as ffff:...:ffff:255.255.255.255. */
    private static final int MAX_LITERAL_LENGTH = 45;

    private PublicIpAddress() {
    }

    /** The address, or null when the text is not an IP literal or names a non-public address. */
    static InetAddress parse(String ip) {
        if (ip == null) {
            return null;
        }
        String text = ip.strip();
        if (text.isEmpty() || text.length() > MAX_LITERAL_LENGTH) {
            return null;
        }
        InetAddress address = IpAnonymization.literal(text);
        return address == null || isNonPublic(address) ? null : address;
    }

    private static boolean isNonPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
            || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            // Unique local addresses fc00::/7, the IPv6 counterpart of 10/8 and 192.168/16.
            return (bytes[0] & 0xFE) == 0xFC;
        }
        int first = bytes[0] & 0xFF;
        int second = bytes[1] & 0xFF;
        // 0/8 "this network", 100.64/10 carrier-grade NAT (mobile carriers' inside addresses, which
        // a proxy may forward), 240/4 reserved and broadcast.
        return first == 0 || (first == 100 && (second & 0xC0) == 64) || first >= 240;
    }
}
