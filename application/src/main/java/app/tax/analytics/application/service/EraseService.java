package app.tax.analytics.application.service;

import app.tax.analytics.application.port.in.EraseSubject;
import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.domain.event.Subject;
import java.util.Objects;

/** {@link EraseSubject} over the {@link EventStore}. */
public final class EraseService implements EraseSubject {
    private static final System.Logger LOG = System.getLogger(EraseService.class.getName());
    private final EventStore store;

    public EraseService(EventStore store) {
        this.store = Objects.requireNonNull(store);
    }

    @Override
    public long erase(String source, String userId, String anonymousId) {
        long erased = store.erase(new Subject(source, userId, anonymousId));
        LOG.log(System.Logger.Level.INFO, "erased {0} events of a subject in source {1}", erased, source == null ? "(all)" : source);
        return erased;
    }
}
