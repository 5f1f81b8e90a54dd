package app.tax.analytics.adapters.http;

/** The endpoints of one resource of the dashboard API; {@link DashboardRoutes} registers a list of them. */
interface DashboardRouteGroup {
    void register(ApiRoutes routes);
}
