package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.ConsumeEvents;
import app.tax.analytics.application.port.out.PublishEvents;
import app.tax.analytics.application.port.out.QueueHealth;

/**
 * The queue of the single process, in every role the pipeline needs of it: collectors publish, the processor
 * consumes, metrics and readiness read its health.
 */
public interface EmbeddedQueue extends PublishEvents, ConsumeEvents, QueueHealth {
}
