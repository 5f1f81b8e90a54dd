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
