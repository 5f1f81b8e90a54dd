-- V005: API keys, shared links and viewers' small-count limits of the dashboard (docs/ARCHITECTURE.md, "API keys and shared links").
--
-- Engine: ReplacingMergeTree(version), like dashboard_users (V003): a save or removal appends a row with a
--   higher version, `deleted = 1` marks a revoked key or a deleted share, and readers take the newest row
--   per id (argMax by version), so a revocation is exact on every dashboard instance before any merge.
--   api_keys holds only a SHA-256 of each key (key_hash); dashboard_shares a password hash like an
--   account's, '' for a share without a password. Both tables are tiny: ORDER BY the id they are read by.
CREATE TABLE IF NOT EXISTS api_keys
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
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

CREATE TABLE IF NOT EXISTS dashboard_shares
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
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- A viewer's small-count limit: breakdown rows with fewer visitors are suppressed for the account (0: none).
--   Rows written before this migration read as 0.
ALTER TABLE dashboard_users ADD COLUMN IF NOT EXISTS min_visitors UInt32 DEFAULT 0 AFTER token_version;
