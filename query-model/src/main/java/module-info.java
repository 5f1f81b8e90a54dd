/**
 * The event fields and the stats queries shared by the SQL stores (docs/ARCHITECTURE.md, "Query
 * model"): plain Java over the domain and the application's ports, no driver and no adapter. Each store
 * adapter supplies a {@link app.tax.analytics.querymodel.Dialect} and runs the SQL it is given.
 */
module app.tax.analytics.querymodel {
    requires transitive app.tax.analytics.application;
    requires transitive java.sql;

    exports app.tax.analytics.querymodel;
}
