-- V008 on a cluster (see sql/migrations/V008__create_dashboard_items.sql): the dashboard's notes, release markers,
--   saved views and report schedules. Tiny, like dashboard_users: one replica set shared by every shard (the Keeper
--   path has no {shard}), so each node holds all of them. Undo by hand with DROP TABLE ... ON CLUSTER ${CLUSTER} SYNC.
CREATE TABLE IF NOT EXISTS ${DATABASE}.annotations ON CLUSTER ${CLUSTER}
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
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/${DATABASE}/annotations', '{replica}', version)
ORDER BY id;

CREATE TABLE IF NOT EXISTS ${DATABASE}.saved_views ON CLUSTER ${CLUSTER}
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
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/${DATABASE}/saved_views', '{replica}', version)
ORDER BY id;

CREATE TABLE IF NOT EXISTS ${DATABASE}.report_schedules ON CLUSTER ${CLUSTER}
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
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/${DATABASE}/report_schedules', '{replica}', version)
ORDER BY id;
