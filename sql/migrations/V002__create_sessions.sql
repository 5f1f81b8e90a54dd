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
