-- V007 on a cluster (see sql/migrations/V007__create_identities.sql): the identity map, small, as one replica
--   set shared by every shard (the Keeper path has no {shard}, like dashboard_users), so each node holds the
--   whole map, the readers' join with it stays local to the node running the query and no Distributed table
--   is needed. Undo by hand with DROP TABLE IF EXISTS ${DATABASE}.identities ON CLUSTER ${CLUSTER} SYNC.
CREATE TABLE IF NOT EXISTS ${DATABASE}.identities ON CLUSTER ${CLUSTER}
(
    source     LowCardinality(String),
    linked_id  String,
    user_id    String,
    linked_at  DateTime64(3, 'UTC'),
    message_id String
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/${DATABASE}/identities', '{replica}')
ORDER BY (source, linked_id, message_id)
SETTINGS replicated_deduplication_window = 1000;
