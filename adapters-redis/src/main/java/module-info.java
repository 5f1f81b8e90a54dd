/** Redis adapters: the event queue on a stream, the shared rate limiter and the shared session state (Lettuce). */
module app.tax.analytics.adapters.redis {
    requires transitive app.tax.analytics.application;
    requires lettuce.core;
    requires reactor.core;
    requires com.fasterxml.jackson.databind;

    exports app.tax.analytics.adapters.redis;
}
