-- V006 on a cluster (see sql/migrations/V006__mobile_event_columns.sql): the mobile columns on every
--   replica of events_local and on the Distributed events table over it. Undo by hand with the DROP COLUMN
--   statements of sql/rollback/V006__mobile_event_columns.sql, ON CLUSTER ${CLUSTER}, on both tables.
ALTER TABLE ${DATABASE}.events_local ON CLUSTER ${CLUSTER}
    ADD COLUMN IF NOT EXISTS screen              Nullable(String) DEFAULT if(type = 'screen', name, NULL) AFTER context,
    ADD COLUMN IF NOT EXISTS app_version         LowCardinality(Nullable(String)) AFTER screen,
    ADD COLUMN IF NOT EXISTS app_build           LowCardinality(Nullable(String)) AFTER app_version,
    ADD COLUMN IF NOT EXISTS device_model        LowCardinality(Nullable(String)) AFTER app_build,
    ADD COLUMN IF NOT EXISTS device_manufacturer LowCardinality(Nullable(String)) AFTER device_model,
    ADD COLUMN IF NOT EXISTS network             LowCardinality(Nullable(String)) AFTER device_manufacturer;
ALTER TABLE ${DATABASE}.events ON CLUSTER ${CLUSTER}
    ADD COLUMN IF NOT EXISTS screen              Nullable(String) DEFAULT if(type = 'screen', name, NULL) AFTER context,
    ADD COLUMN IF NOT EXISTS app_version         LowCardinality(Nullable(String)) AFTER screen,
    ADD COLUMN IF NOT EXISTS app_build           LowCardinality(Nullable(String)) AFTER app_version,
    ADD COLUMN IF NOT EXISTS device_model        LowCardinality(Nullable(String)) AFTER app_build,
    ADD COLUMN IF NOT EXISTS device_manufacturer LowCardinality(Nullable(String)) AFTER device_model,
    ADD COLUMN IF NOT EXISTS network             LowCardinality(Nullable(String)) AFTER device_manufacturer;
