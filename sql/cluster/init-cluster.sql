-- The replicated production layout (the seed's ClickHouse cluster), applied by
--   analytics migrate --cluster NAME
-- with ${CLUSTER} replaced by NAME and ${DATABASE} by CLICKHOUSE_DATABASE, once, on any node: ON CLUSTER
-- runs each statement on every node. Needs that cluster in remote_servers, the {shard}/{replica} macros on
-- every node, and ClickHouse Keeper (or ZooKeeper). Each table of the single-server schema (sql/migrations
-- V001..V003) becomes a Replicated* table `<name>_local` on every node plus, where data is sharded, a
-- Distributed table with the plain name, so the application (writer and readers) talks to `events` exactly
-- as on one server. Later migrations need a variant of their own here (sql/cluster/<same file name>);
-- `migrate --cluster` refuses to go on without one. Retention: sql/cluster/retention-cluster.sql.
CREATE DATABASE IF NOT EXISTS ${DATABASE} ON CLUSTER ${CLUSTER};

-- Replicated storage, same columns, key, partitioning and codecs as V001 (see the reasons there).
-- Deduplication tokens work natively on Replicated tables (replicated_deduplication_window, default 100
-- blocks in Keeper); raise it to cover the processors' retry horizon.
CREATE TABLE IF NOT EXISTS ${DATABASE}.events_local ON CLUSTER ${CLUSTER}
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
    inserted_at        DateTime64(6, 'UTC') DEFAULT now64(6) CODEC(Delta, ZSTD(1)),
    keep_rank          UInt64 MATERIALIZED 18446744073709551615 - toUInt64(toUnixTimestamp64Micro(inserted_at))
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/${DATABASE}/events_local', '{replica}', keep_rank)
PARTITION BY toYYYYMM(timestamp)
ORDER BY (source, toDate(timestamp), message_id)
SETTINGS index_granularity = 8192, replicated_deduplication_window = 1000;

-- Sharded by (source, message_id): every copy of one message lands on the same shard, so merges fold
-- retries and the readers' per-message deduplication sees all copies. Writers insert with
-- insert_distributed_sync = 1 so a confirmed batch is on the shards, not only in this node's queue.
CREATE TABLE IF NOT EXISTS ${DATABASE}.events ON CLUSTER ${CLUSTER} AS ${DATABASE}.events_local
ENGINE = Distributed(${CLUSTER}, ${DATABASE}, events_local, cityHash64(source, message_id));

CREATE TABLE IF NOT EXISTS ${DATABASE}.sessions_local ON CLUSTER ${CLUSTER}
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
ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/${DATABASE}/sessions_local', '{replica}')
PARTITION BY toYYYYMM(day)
ORDER BY (source, day, session_id);

-- On each node the view reads the rows that arrive in that node's events_local: a session's events are
-- spread over shards by message id, so its partial states are too, and readers merge them per session_id
-- through the Distributed table below.
CREATE MATERIALIZED VIEW IF NOT EXISTS ${DATABASE}.sessions_mv ON CLUSTER ${CLUSTER} TO ${DATABASE}.sessions_local AS
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
FROM ${DATABASE}.events_local
GROUP BY source, day, session_id;

CREATE TABLE IF NOT EXISTS ${DATABASE}.sessions ON CLUSTER ${CLUSTER} AS ${DATABASE}.sessions_local
ENGINE = Distributed(${CLUSTER}, ${DATABASE}, sessions_local, rand());

-- Dashboard accounts and the migration record are tiny: one replica set shared by every shard (the
-- Keeper path has no {shard}), so each node holds all of them and no Distributed table is needed.
CREATE TABLE IF NOT EXISTS ${DATABASE}.dashboard_users ON CLUSTER ${CLUSTER}
(
    email         String,
    role          LowCardinality(String),
    password_hash String,
    sources       Array(String),
    created_at    DateTime64(3, 'UTC'),
    version       UInt64,
    deleted       UInt8 DEFAULT 0
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/${DATABASE}/dashboard_users', '{replica}', version)
ORDER BY email;

-- The same record `analytics migrate` keeps (see ClickHouseMigrations), marking V001..V003 as applied so
-- a later `analytics migrate` against this cluster only adds newer migrations.
CREATE TABLE IF NOT EXISTS ${DATABASE}.schema_migrations ON CLUSTER ${CLUSTER}
(
    version     String,
    name        String,
    applied     UInt8,
    recorded_at DateTime64(6, 'UTC')
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/${DATABASE}/schema_migrations', '{replica}', recorded_at)
ORDER BY version;

INSERT INTO ${DATABASE}.schema_migrations (version, name, applied, recorded_at) VALUES
    ('V001', 'V001__create_events.sql', 1, now64(6)),
    ('V002', 'V002__create_sessions.sql', 1, now64(6)),
    ('V003', 'V003__create_dashboard_users.sql', 1, now64(6));
