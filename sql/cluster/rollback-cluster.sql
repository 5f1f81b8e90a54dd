-- Removes the replicated layout of init-cluster.sql from every node (all data is lost). By hand, with
-- ${CLUSTER} and ${DATABASE} replaced as migrate --cluster does.
DROP TABLE IF EXISTS ${DATABASE}.identities ON CLUSTER ${CLUSTER} SYNC;
DROP TABLE IF EXISTS ${DATABASE}.sessions ON CLUSTER ${CLUSTER} SYNC;
DROP VIEW IF EXISTS ${DATABASE}.sessions_mv ON CLUSTER ${CLUSTER} SYNC;
DROP TABLE IF EXISTS ${DATABASE}.sessions_local ON CLUSTER ${CLUSTER} SYNC;
DROP TABLE IF EXISTS ${DATABASE}.events ON CLUSTER ${CLUSTER} SYNC;
DROP TABLE IF EXISTS ${DATABASE}.events_local ON CLUSTER ${CLUSTER} SYNC;
DROP TABLE IF EXISTS ${DATABASE}.dashboard_users ON CLUSTER ${CLUSTER} SYNC;
DROP TABLE IF EXISTS ${DATABASE}.schema_migrations ON CLUSTER ${CLUSTER} SYNC;
