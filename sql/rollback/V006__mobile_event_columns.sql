-- Undoes V006: the mobile columns go (screens are then stored but count nowhere, as before V006).
ALTER TABLE events
    DROP COLUMN IF EXISTS network,
    DROP COLUMN IF EXISTS device_manufacturer,
    DROP COLUMN IF EXISTS device_model,
    DROP COLUMN IF EXISTS app_build,
    DROP COLUMN IF EXISTS app_version,
    DROP COLUMN IF EXISTS screen;
