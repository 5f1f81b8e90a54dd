-- V005 on a cluster (see sql/migrations/V005__create_api_keys_and_shares.sql): API keys and shared links in
--   tables replicated to every node, like dashboard_users, so a revocation reaches every dashboard at once.
--   Undo by hand with DROP TABLE IF EXISTS ${DATABASE}.api_keys ON CLUSTER ${CLUSTER} SYNC and the same for
--   ${DATABASE}.dashboard_shares, and ALTER TABLE ${DATABASE}.dashboard_users ON CLUSTER ${CLUSTER} DROP COLUMN IF EXISTS
--   min_visitors.
CREATE TABLE IF NOT EXISTS ${DATABASE}.api_keys ON CLUSTER ${CLUSTER}
(
    id           String,
    name         String,
    sources      Array(String),
    min_visitors UInt32,
    key_hash     String,
    created_at   DateTime64(3, 'UTC'),
    version      UInt64,
    deleted      UInt8 DEFAULT 0
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/${DATABASE}/api_keys', '{replica}', version)
ORDER BY id;

CREATE TABLE IF NOT EXISTS ${DATABASE}.dashboard_shares ON CLUSTER ${CLUSTER}
(
    id            String,
    source        String,
    password_hash String,
    embed_origins Array(String),
    min_visitors  UInt32,
    created_at    DateTime64(3, 'UTC'),
    version       UInt64,
    deleted       UInt8 DEFAULT 0
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/${DATABASE}/dashboard_shares', '{replica}', version)
ORDER BY id;

-- A viewer's small-count limit, on every replica of dashboard_users.
ALTER TABLE ${DATABASE}.dashboard_users ON CLUSTER ${CLUSTER} ADD COLUMN IF NOT EXISTS min_visitors UInt32 DEFAULT 0 AFTER token_version;
