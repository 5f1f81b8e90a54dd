package app.tax.analytics.adapters.redis;

import java.time.Duration;
import java.util.function.Consumer;

/** The Redis deployment, found out on first use. */
interface DeploymentSource {

    /** @throws RedisCommandFailedException when Redis cannot be reached (yet) to find out */
    RedisDeployment deployment(Duration timeout);

    /** Runs {@code action} when the deployment is known already; never connects. */
    void ifResolved(Consumer<RedisDeployment> action);
}
