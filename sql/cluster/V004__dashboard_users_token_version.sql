-- V004 on a cluster (see sql/migrations/V004__dashboard_users_token_version.sql): a token version per
--   dashboard account, on every replica of the replicated dashboard_users table. Undo by hand with
--   ALTER TABLE ${DATABASE}.dashboard_users ON CLUSTER ${CLUSTER} DROP COLUMN IF EXISTS token_version.
ALTER TABLE ${DATABASE}.dashboard_users ON CLUSTER ${CLUSTER} ADD COLUMN IF NOT EXISTS token_version Int64 DEFAULT 0 AFTER created_at;
