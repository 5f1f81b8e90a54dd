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
