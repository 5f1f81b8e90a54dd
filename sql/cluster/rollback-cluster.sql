-- Removes the replicated layout of init-cluster.sql from every node (all data is lost).
DROP TABLE IF EXISTS analytics.sessions ON CLUSTER analytics SYNC;
DROP VIEW IF EXISTS analytics.sessions_mv ON CLUSTER analytics SYNC;
DROP TABLE IF EXISTS analytics.sessions_local ON CLUSTER analytics SYNC;
DROP TABLE IF EXISTS analytics.events ON CLUSTER analytics SYNC;
DROP TABLE IF EXISTS analytics.events_local ON CLUSTER analytics SYNC;
DROP TABLE IF EXISTS analytics.dashboard_users ON CLUSTER analytics SYNC;
DROP TABLE IF EXISTS analytics.schema_migrations ON CLUSTER analytics SYNC;
