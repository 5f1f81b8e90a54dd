package app.tax.analytics.adapters.redis;

import app.tax.analytics.application.port.out.ConsumeEvents;
import app.tax.analytics.application.port.out.PublishEvents;
import app.tax.analytics.application.port.out.QueueHealth;

/**
 * The stream queue in every role a process may need of it: collectors publish, processors consume, metrics and
 * readiness read its health. Bootstrap hands each use case only its role.
 */
public interface RedisQueue extends PublishEvents, ConsumeEvents, QueueHealth {
}
