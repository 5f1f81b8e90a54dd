package app.tax.analytics.domain.enrich;

/**
 * @param country ISO 3166-1 alpha-2 code ("KE"), or null when unknown
 * @param region  subdivision name ("Nairobi County"), or null
 * @param city    city name, or null
 */
public record GeoLocation(String country, String region, String city) {
    public static final GeoLocation UNKNOWN = new GeoLocation(null, null, null);
}
