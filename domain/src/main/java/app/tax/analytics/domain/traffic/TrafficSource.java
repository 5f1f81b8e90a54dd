package app.tax.analytics.domain.traffic;

/**
 * Where one event's visit came from.
 *
 * @param referrerDomain the referring site without {@code www.}, or null for direct and self-referrals
 * @param channel        the acquisition channel
 */
public record TrafficSource(String referrerDomain, Channel channel) {
    public static final TrafficSource DIRECT = new TrafficSource(null, Channel.DIRECT);
}
