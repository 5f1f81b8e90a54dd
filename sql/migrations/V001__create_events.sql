-- V001: the events table, one row per enriched event (docs/STATS.md lists the columns).
--
-- Engine: ReplacingMergeTree(keep_rank). Retries of one message (same source and message_id) may be
--   written more than once: the processor retries a batch the store did not confirm, and a client retries
--   a message the collector already queued. Inserts carry an insert_deduplication_token, which drops a
--   re-sent batch as a whole; merges then fold the copies that share a sorting key. Neither is exact on its
--   own (a client retry arrives in another batch, with a timestamp a few ms different because skew
--   correction uses the server's receive time, possibly on another day), so the readers count each
--   (source, message_id) once at query time, keeping the first written copy. keep_rank is larger for
--   earlier writes, so the copy a merge keeps (the highest version) is the same copy the readers pick:
--   answers do not change when a merge happens.
-- PARTITION BY toYYYYMM(timestamp): monthly partitions keep the part count low at analytics volumes,
--   let a dashboard range prune whole months, and let retention drop whole parts.
-- ORDER BY (source, toDate(timestamp), message_id): every dashboard query is one source and a range of
--   days, which this prefix turns into a narrow primary-key range; message_id last makes the key unique
--   per message and day, which is what the replacing merge needs.
-- LowCardinality for columns with few distinct values (source, type, channel, device, browser, os,
--   country, ...): dictionary encoding, smaller and faster GROUP BY. Not for ids, paths, URLs.
-- Codecs: Delta + ZSTD for the millisecond timestamps (sorted within a day, small deltas), ZSTD(3) for
--   long repetitive text (URLs, user agents, JSON), the default LZ4 elsewhere.
-- TTL: not here; retention is RETENTION_DAYS, which differs per installation, so `analytics migrate`
--   applies sql/retention.sql with the configured number of days (and removes the TTL when unset).
-- non_replicated_deduplication_window: a plain MergeTree ignores insert_deduplication_token unless it
--   remembers recent insert blocks; 1000 blocks covers many minutes of processor batches.
CREATE TABLE IF NOT EXISTS events
(
    source             LowCardinality(String),
    message_id         String,
    type               LowCardinality(String),
    event_name         LowCardinality(Nullable(String)),
    name               Nullable(String),
    user_id            Nullable(String),
    anonymous_id       Nullable(String),
    visitor_id         String,
    session_id         String,
    timestamp          DateTime64(3, 'UTC') CODEC(Delta, ZSTD(1)),
    received_at        DateTime64(3, 'UTC') CODEC(Delta, ZSTD(1)),
    sent_at            Nullable(DateTime64(3, 'UTC')) CODEC(ZSTD(1)),
    original_timestamp Nullable(DateTime64(3, 'UTC')) CODEC(ZSTD(1)),
    url                Nullable(String) CODEC(ZSTD(3)),
    referrer           Nullable(String) CODEC(ZSTD(3)),
    title              Nullable(String) CODEC(ZSTD(3)),
    hostname           LowCardinality(Nullable(String)),
    path               Nullable(String) CODEC(ZSTD(3)),
    referrer_domain    LowCardinality(Nullable(String)),
    channel            LowCardinality(Nullable(String)),
    utm_source         LowCardinality(Nullable(String)),
    utm_medium         LowCardinality(Nullable(String)),
    utm_campaign       LowCardinality(Nullable(String)),
    utm_term           Nullable(String),
    utm_content        Nullable(String),
    country            LowCardinality(Nullable(String)),
    region             LowCardinality(Nullable(String)),
    city               LowCardinality(Nullable(String)),
    browser            LowCardinality(Nullable(String)),
    browser_version    LowCardinality(Nullable(String)),
    os                 LowCardinality(Nullable(String)),
    os_version         LowCardinality(Nullable(String)),
    device             LowCardinality(Nullable(String)),
    is_bot             Bool,
    ip                 Nullable(String),
    user_agent         Nullable(String) CODEC(ZSTD(3)),
    locale             LowCardinality(Nullable(String)),
    timezone           LowCardinality(Nullable(String)),
    library_name       LowCardinality(Nullable(String)),
    library_version    LowCardinality(Nullable(String)),
    group_id           Nullable(String),
    previous_id        Nullable(String),
    properties         String CODEC(ZSTD(3)),
    traits             String CODEC(ZSTD(3)),
    context            String CODEC(ZSTD(3)),
    -- When this copy was written, and its rank for "first written copy wins" (see above).
    inserted_at        DateTime64(6, 'UTC') DEFAULT now64(6) CODEC(Delta, ZSTD(1)),
    keep_rank          UInt64 MATERIALIZED 18446744073709551615 - toUInt64(toUnixTimestamp64Micro(inserted_at))
)
ENGINE = ReplacingMergeTree(keep_rank)
PARTITION BY toYYYYMM(timestamp)
ORDER BY (source, toDate(timestamp), message_id)
SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 1000;
