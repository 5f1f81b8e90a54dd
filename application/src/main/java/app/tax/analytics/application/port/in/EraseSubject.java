package app.tax.analytics.application.port.in;

/** Privacy erasure: every event of a user or anonymous id. */
public interface EraseSubject {
    /**
     * @param source null for every source
     * @return how many events were erased
     */
    long erase(String source, String userId, String anonymousId);
}
