-- V003: dashboard accounts (not database users: those are in grants.sql).
--
-- Engine: ReplacingMergeTree(version). ClickHouse has no in-place UPDATE worth using for single rows, so
--   every save or removal appends a row with a higher version, and `deleted = 1` marks a removal. Readers
--   take the newest row per e-mail (argMax by version), so the answer is exact before merges fold the old
--   rows away. The table is tiny: no partitioning, ORDER BY the e-mail it is looked up by.
CREATE TABLE IF NOT EXISTS dashboard_users
(
    email         String,
    role          LowCardinality(String),
    password_hash String,
    sources       Array(String),
    created_at    DateTime64(3, 'UTC'),
    version       UInt64,
    deleted       UInt8 DEFAULT 0
)
ENGINE = ReplacingMergeTree(version)
ORDER BY email;
