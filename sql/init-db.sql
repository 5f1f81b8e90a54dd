-- Hand set-up of a single ClickHouse server, for those who do not run `analytics migrate`:
--   clickhouse-client --multiquery < sql/init-db.sql
-- then sql/grants.sql (after replacing its password placeholders) and, for retention, sql/retention.sql.
-- The body below is sql/migrations/V*.sql in order, verbatim (a test keeps them equal); `analytics migrate`
-- applies the same files one by one and records them in schema_migrations, which this script does not.
CREATE DATABASE IF NOT EXISTS analytics;
USE analytics;

-- ==== migrations/V001__create_events.sql ====
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

-- ==== migrations/V002__create_sessions.sql ====
-- V002: sessions, materialized from events by sessions_mv (the seed's layout), for ad-hoc analysis and
-- Grafana. The dashboard's session metrics are computed from events at query time instead, because they
-- must honour filters and count a retried message once; this table is kept retry-safe where it can be:
-- page and track counts are distinct message ids, and start/end are min/max, which a duplicate copy
-- moves by at most the few milliseconds of its skew correction.
--
-- Engine: AggregatingMergeTree, so each insert adds partial states that merges combine per session.
-- PARTITION BY toYYYYMM(day) and ORDER BY (source, day, session_id): read per source and range of days,
--   like events. day is the UTC day of the session's events; a session crossing midnight has a row per
--   day, which readers combine with the -Merge combinators grouped by session_id.
CREATE TABLE IF NOT EXISTS sessions
(
    source        LowCardinality(String),
    day           Date,
    session_id    String,
    visitor_id    SimpleAggregateFunction(any, String),
    started_at    SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    ended_at      SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    pageviews     AggregateFunction(uniqExactIf, String, UInt8),
    track_events  AggregateFunction(uniqExactIf, String, UInt8),
    events        AggregateFunction(uniqExact, String),
    entry_path    AggregateFunction(argMin, Nullable(String), DateTime64(3, 'UTC')),
    exit_path     AggregateFunction(argMax, Nullable(String), DateTime64(3, 'UTC')),
    is_bot        SimpleAggregateFunction(max, UInt8)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (source, day, session_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS sessions_mv TO sessions AS
SELECT
    source,
    toDate(timestamp) AS day,
    session_id,
    any(visitor_id) AS visitor_id,
    min(timestamp) AS started_at,
    max(timestamp) AS ended_at,
    uniqExactIfState(message_id, toUInt8(type = 'page')) AS pageviews,
    uniqExactIfState(message_id, toUInt8(type = 'track')) AS track_events,
    uniqExactState(message_id) AS events,
    argMinState(if(type = 'page', path, NULL), if(type = 'page', timestamp, toDateTime64('2299-12-31 00:00:00', 3, 'UTC'))) AS entry_path,
    argMaxState(if(type = 'page', path, NULL), if(type = 'page', timestamp, toDateTime64('1900-01-01 00:00:00', 3, 'UTC'))) AS exit_path,
    max(toUInt8(is_bot)) AS is_bot
FROM events
GROUP BY source, day, session_id;

-- ==== migrations/V003__create_dashboard_users.sql ====
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

-- ==== migrations/V004__dashboard_users_token_version.sql ====
-- V004: a token version per dashboard account. Sign-in tokens carry the version they were issued at; a
--   password change writes a new version, and a new account gets a random one, so tokens issued before a
--   change, or to an earlier account with the same e-mail, stop working. Rows written before this
--   migration read as version 0, as do tokens issued before it.
ALTER TABLE dashboard_users ADD COLUMN IF NOT EXISTS token_version Int64 DEFAULT 0 AFTER created_at;

-- ==== migrations/V005__create_api_keys_and_shares.sql ====
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

-- ==== migrations/V006__mobile_event_columns.sql ====
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

-- ==== migrations/V007__create_identities.sql ====
-- V007: the identity map (docs/STATS.md, "Identity"): one row per link an identify (anonymousId -> userId) or
--   alias (previousId -> userId) event makes, written by the processor with the event's batch. The stats
--   queries resolve each event's visitor to its person through it at query time, so stitching is exact,
--   retroactive (anonymous events before a sign-in count for the person) and undone by an erasure.
--
-- Engine: ReplacingMergeTree ORDER BY (source, linked_id, message_id). A redelivered event writes the same
--   row again; merges fold such copies, and until then they change nothing, since the readers take each
--   linked_id's first link (argMin by (linked_at, message_id)), which every copy agrees on. Links are never
--   updated: a later, conflicting link of the same id is another row, which the first one outranks.
-- Tiny next to events (one row per sign-in or alias, not per event): no partitioning; the readers read the
--   source's rows, a narrow primary-key range, and join the result to the events of a query in memory.
-- TTL: like events, set by `analytics migrate` from RETENTION_DAYS (sql/retention.sql), on linked_at.
-- non_replicated_deduplication_window: as for events, so the batch's insert_deduplication_token is honoured.
CREATE TABLE IF NOT EXISTS identities
(
    source     LowCardinality(String),
    linked_id  String,
    user_id    String,
    linked_at  DateTime64(3, 'UTC'),
    message_id String
)
ENGINE = ReplacingMergeTree
ORDER BY (source, linked_id, message_id)
SETTINGS non_replicated_deduplication_window = 1000;

-- Links of the events stored before this migration, by the same rule as the processor's (IdentityLink.of:
-- an identify's anonymousId, an alias's previousId, to a different userId; blank ids are stored as NULL).
INSERT INTO identities (source, linked_id, user_id, linked_at, message_id)
SELECT source, assumeNotNull(if(type = 'identify', anonymous_id, previous_id)), assumeNotNull(user_id), timestamp, message_id
FROM events
WHERE type IN ('identify', 'alias') AND user_id IS NOT NULL AND if(type = 'identify', anonymous_id, previous_id) IS NOT NULL
  AND if(type = 'identify', anonymous_id, previous_id) != user_id;

-- ==== migrations/V008__create_dashboard_items.sql ====
-- V008: the dashboard's own items: notes and release markers on the chart, saved views (segments and funnels),
--   e-mail report schedules. Tiny tables, written like dashboard_users (V003): ReplacingMergeTree(version), every
--   save or removal appends a row with a higher version (`deleted = 1` marks a removal) and readers take each id's
--   newest row, so answers are exact before merges. A release marker's version is larger for an earlier time, so
--   the marker every processor writes for one version keeps its earliest event.
CREATE TABLE IF NOT EXISTS annotations
(
    id          String,
    source      String,
    occurred_at DateTime64(3, 'UTC'),
    kind        LowCardinality(String),
    text        String,
    created_by  String,
    version     UInt64,
    deleted     UInt8 DEFAULT 0
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

CREATE TABLE IF NOT EXISTS saved_views
(
    id             String,
    source         String,
    kind           LowCardinality(String),
    name           String,
    filters        String,
    steps          Array(String),
    window_minutes Int64,
    created_by     String,
    created_at     DateTime64(3, 'UTC'),
    version        UInt64,
    deleted        UInt8 DEFAULT 0
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

CREATE TABLE IF NOT EXISTS report_schedules
(
    id          String,
    source     String,
    period     LowCardinality(String),
    recipients Array(String),
    created_by String,
    created_at DateTime64(3, 'UTC'),
    last_sent  String,
    version    UInt64,
    deleted    UInt8 DEFAULT 0
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;
