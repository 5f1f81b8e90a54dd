package app.tax.analytics.application.testing;

import app.tax.analytics.application.port.out.GeoLocator;
import app.tax.analytics.domain.enrich.GeoLocation;
import java.util.ArrayList;
import java.util.List;

/** Places every address in Nairobi, records what it was asked, and fails for one address when told to. */
public final class FixedGeoLocator implements GeoLocator {
    public static final GeoLocation NAIROBI = new GeoLocation("KE", "Nairobi County", "Nairobi");
    private final List<String> lookedUp = new ArrayList<>();
    private String failingIp;

    public FixedGeoLocator failingFor(String ip) {
        this.failingIp = ip;
        return this;
    }

    @Override
    public GeoLocation locate(String ip) {
        lookedUp.add(ip);
        if (ip.equals(failingIp)) {
            throw new IllegalStateException("corrupt GeoIP record for " + ip);
        }
        return NAIROBI;
    }

    public List<String> lookedUp() {
        return List.copyOf(lookedUp);
    }
}
