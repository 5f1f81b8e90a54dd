-- V006: mobile apps (docs/STATS.md, "Mobile apps"). Segment's mobile libraries send screen events and
--   describe the app and device in the context; these columns make them dashboard dimensions, after the
--   columns of V001 in the order of the query model's EventFields.
-- screen: the name of a screen event. Rows written before this migration compute it from `name` on read
--   (a column's DEFAULT fills old parts), so screens stored earlier count as views too; new rows get it
--   from the processor, which also reads properties.name when a screen has no name.
-- LowCardinality for the few app versions, builds, models, manufacturers and networks.
ALTER TABLE events
    ADD COLUMN IF NOT EXISTS screen              Nullable(String) DEFAULT if(type = 'screen', name, NULL) AFTER context,
    ADD COLUMN IF NOT EXISTS app_version         LowCardinality(Nullable(String)) AFTER screen,
    ADD COLUMN IF NOT EXISTS app_build           LowCardinality(Nullable(String)) AFTER app_version,
    ADD COLUMN IF NOT EXISTS device_model        LowCardinality(Nullable(String)) AFTER app_build,
    ADD COLUMN IF NOT EXISTS device_manufacturer LowCardinality(Nullable(String)) AFTER device_model,
    ADD COLUMN IF NOT EXISTS network             LowCardinality(Nullable(String)) AFTER device_manufacturer;
