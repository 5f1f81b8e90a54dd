package app.tax.analytics.adapters.redis;

import app.tax.analytics.testsupport.redis.RedisFixture;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two connections to the shared Redis of the test fixture, as two collectors, processors or dashboards would have:
 * opened before each test, closed after it. Register it on a field with {@code @RegisterExtension}.
 */
final class TwoRedisConnections implements BeforeEachCallback, AfterEachCallback {
    private RedisConnection first;
    private RedisConnection second;

    RedisConnection first() {
        return first;
    }

    RedisConnection second() {
        return second;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RedisSettings settings = RedisSettings.defaults(RedisFixture.shared().url());
        first = RedisAdapters.connect(settings);
        second = RedisAdapters.connect(settings);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (first != null) { // null when there was no server and the test was skipped
            first.close();
            second.close();
            first = null;
            second = null;
        }
    }
}
