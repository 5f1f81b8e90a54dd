package app.tax.analytics.application.port.in;

/**
 * Privacy erasure: every event of a user or anonymous id, the events of the anonymous ids linked to the
 * userId, and the identity links of both (docs/STATS.md, "Identity").
 */
public interface EraseSubject {
    /**
     * @param source null for every source
     * @return how many events were erased
     */
    long erase(String source, String userId, String anonymousId);
}
