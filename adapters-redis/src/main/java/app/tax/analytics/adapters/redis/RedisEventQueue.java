package app.tax.analytics.adapters.redis;

import app.tax.analytics.application.port.out.QueueStats;
import app.tax.analytics.application.port.out.QueueUnavailableException;
import app.tax.analytics.application.port.out.QueuedEvent;
import app.tax.analytics.domain.event.Event;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XPendingArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import io.lettuce.core.models.stream.PendingMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link RedisQueue} on Redis streams with one consumer group (docs/ARCHITECTURE.md, "Pipeline guarantees"), spread over the shards of
 * {@link StreamShards} (one stream on one server by default; several on a cluster, one visitor always in one). Each event is one entry whose field
 * {@value #PAYLOAD_FIELD} holds its JSON. Blocking reads use a connection per consumer, so they never hold up
 * publishing, acknowledging or claiming, which share one multiplexed connection (one reading thread per consumer
 * name, as processor workers are: reads of one consumer queue up behind each other on its connection).
 * <p>
 * Trimming removes only entries that every consumer group has received and acknowledged: it cuts below the oldest
 * entry still pending or not yet delivered, never by length. The length bound makes publishing fail instead
 * (back-pressure: the collector answers 503 and its client retries). Both per shard.
 * <p>
 * Every consumer reads every shard, rotating where it starts: each shard's consumer group already shares its
 * entries among the consumers, so no consumer has to be assigned shards, none is left unread when a processor
 * dies or the shard count changes, and a dead processor's entries are claimed per shard by the others.
 * An entry id is {@code <stream id>@<stream key>}.
 */
final class RedisEventQueue implements RedisQueue {
    private static final System.Logger LOG = System.getLogger(RedisEventQueue.class.getName());
    static final String PAYLOAD_FIELD = "event";
    /** Trimming runs after this many acknowledgements: often enough to keep the stream short, rarely enough to be cheap. */
    static final int DEFAULT_TRIM_EVERY_ACKS = 1_000;
    /** XAUTOCLAIM looks at about ten times COUNT pending entries per call; this bounds the calls per claim. */
    private static final int CLAIM_SCAN_ROUNDS = 10;
    private static final String SCAN_START = "0-0";
    private static final int MAX_ERROR_LENGTH = 2_000;
    /**
     * A publication's commands one after the other at most: the shared append and {@code WAIT} on their way, its own
     * two, the trim, then four again.
     */
    private static final int MOST_STEPS_OF_A_PUBLICATION = 9;

    /**
     * Moves entry ARGV[2] of stream KEYS[1] (group ARGV[1]) to the dead-letter stream KEYS[2] and acknowledges it, in
     * one step. An entry no longer pending (already moved or acknowledged) is left alone, so a retried move does not
     * record it twice. ARGV: group, entry id, payload, error, deliveries, dead-letter length bound. Returns 1 if moved.
     */
    private static final LuaScript MOVE_TO_DEAD_LETTERS = new LuaScript("moving an entry to the dead letters", """
            local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1)
            if #pending == 0 then
              return 0
            end
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[6], '*',
                       '%s', ARGV[3], 'error', ARGV[4], 'entryId', ARGV[2], 'deliveries', ARGV[5])
            redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
            return 1
            """.formatted(PAYLOAD_FIELD));

    /**
     * Trims stream KEYS[1] below the oldest entry that some consumer group has pending or not yet received
     * (ARGV[1]: "exact" or "approximate"); no groups, or a group that received nothing, keep everything.
     * Returns the number of entries removed. Stream ids compare as (milliseconds, sequence).
     */
    private static final LuaScript TRIM_ACKNOWLEDGED = new LuaScript("trimming acknowledged entries", """
            local function parse(id)
              local ms, seq = string.match(id, '^(%d+)-(%d+)$')
              return tonumber(ms), tonumber(seq)
            end
            local function lower(a, b)
              local ams, aseq = parse(a)
              local bms, bseq = parse(b)
              if ams < bms or (ams == bms and aseq < bseq) then return a end
              return b
            end
            local groups = redis.call('XINFO', 'GROUPS', KEYS[1])
            local keep = nil
            for _, group in ipairs(groups) do
              local info = {}
              for i = 1, #group, 2 do info[group[i]] = group[i + 1] end
              local from = info['last-delivered-id']
              if tonumber(info['pending']) > 0 then
                local summary = redis.call('XPENDING', KEYS[1], info['name'])
                if summary[2] then from = lower(from, summary[2]) end
              end
              if keep == nil then keep = from else keep = lower(keep, from) end
            end
            if keep == nil or keep == '0-0' then
              return 0
            end
            if ARGV[1] == 'exact' then
              return redis.call('XTRIM', KEYS[1], 'MINID', keep)
            end
            return redis.call('XTRIM', KEYS[1], 'MINID', '~', keep)
            """);

    /** An idle consumer of several shards waits on one of them at most this long before it looks at the others again. */
    static final Duration LONGEST_SHARD_BLOCK = Duration.ofMillis(100);
    /** When an entry's lag is unknown (XINFO GROUPS gives none), undelivered entries are counted up to this many. */
    private static final int MOST_UNDELIVERED_COUNTED = 10_000;

    private final RedisSettings settings;
    private final DeploymentSource deployment;
    private final Function<String, LazyConnection> readerConnections;
    private final int trimEveryAcks;
    private final Duration readinessTimeout;
    private final RedisObserver observer;
    private final EventCodec codec = new EventCodec();
    private final StreamShards shards;
    private final Set<String> groupsReady = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> acksSinceTrim = new ConcurrentHashMap<>();
    private final AtomicInteger rotation = new AtomicInteger();
    private final Map<String, SharedAppends> appends = new ConcurrentHashMap<>();

    /**
     * @param deployment        the Redis server or cluster, found out on first use
     * @param readerConnections a connection of its own for each consumer's blocking reads
     * @param observer          told of entries the queue itself moves to the dead letters
     */
    RedisEventQueue(RedisSettings settings, DeploymentSource deployment, Function<String, LazyConnection> readerConnections,
                    int trimEveryAcks, Duration readinessTimeout, RedisObserver observer) {
        this.settings = settings;
        this.deployment = deployment;
        this.readerConnections = readerConnections;
        this.trimEveryAcks = trimEveryAcks;
        this.readinessTimeout = readinessTimeout;
        this.observer = observer;
        this.shards = new StreamShards(settings, deployment, this::commands);
    }

    /** Where each event goes, and which streams are read; for the wiring's metrics and for tests. */
    StreamShards shards() {
        return shards;
    }

    @Override
    public void publish(List<Event> events) throws QueueUnavailableException {
        try {
            // every step inside is bounded by the command timeout; this bound only guards against a step never ending
            RedisCalls.await("publishing to the stream", settings.commandTimeout().multipliedBy(MOST_STEPS_OF_A_PUBLICATION),
                    publishAsync(events));
        } catch (RedisCommandFailedException e) {
            throw e.getCause() instanceof QueueUnavailableException refused ? refused : unavailable(e);
        }
    }

    /**
     * Publishes without holding the caller's thread for Redis's replies. The caller's thread still encodes the
     * events, and waits only on a first use (finding the deployment, connecting); the stage's callbacks run on
     * Lettuce's I/O thread.
     */
    @Override
    public CompletionStage<Void> publishAsync(List<Event> events) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            StreamShards.Layout layout = shards.layout(settings.commandTimeout());
            Map<String, List<String>> byStream = new LinkedHashMap<>();
            for (Event event : events) {
                byStream.computeIfAbsent(layout.streamFor(event), key -> new ArrayList<>()).add(codec.encode(event));
            }
            shards.registerForReaders(layout);
            CompletableFuture<?>[] streams = new CompletableFuture<?>[byStream.size()];
            int next = 0;
            for (Map.Entry<String, List<String>> stream : byStream.entrySet()) {
                streams[next++] = publishToStream(stream.getKey(), stream.getValue(), layout.replicasToConfirm());
            }
            return (streams.length == 1 ? streams[0] : CompletableFuture.allOf(streams)).handle((ignored, failure) -> {
                if (failure != null) {
                    throw new CompletionException(unavailable(RedisCalls.unwrapped(failure)));
                }
                return null;
            });
        } catch (RedisCommandFailedException e) {
            return CompletableFuture.failedFuture(unavailable(e));
        }
    }

    private static Throwable unavailable(Throwable failure) {
        return failure instanceof RedisCommandFailedException redis ? unavailable(redis) : failure;
    }

    private static QueueUnavailableException unavailable(RedisCommandFailedException failure) {
        return new QueueUnavailableException("Redis cannot take the events: " + failure.getMessage(), failure);
    }

    /**
     * All or nothing within the stream. A batch spread over several shards may be taken by some and refused by
     * another: the client's retry then adds duplicates to the first ones, which the store drops by message id.
     */
    private CompletableFuture<Void> publishToStream(String stream, List<String> payloads, int replicasToConfirm) {
        SharedAppends toStream = appends.computeIfAbsent(stream, key -> new SharedAppends(key, settings));
        return onWriterFailure(writerFor(stream).thenCompose(writer -> toStream.append(writer, replicasToConfirm, payloads)
                .thenCompose(length -> length >= 0
                        ? CompletableFuture.completedFuture(length)
                        // Acknowledged entries may still wait for the periodic trim: drop them all (exactly, this
                        // once), then try again.
                        : trimAcknowledgedAsync(stream, true).thenCompose(ignored -> toStream.append(writer, replicasToConfirm,
                                payloads)))
                .thenCompose(length -> length >= 0 ? CompletableFuture.<Void>completedFuture(null)
                        : CompletableFuture.failedFuture(new QueueUnavailableException("the queue is full: stream " + stream
                                + " holds " + (-length - 1) + " entries not yet processed (limit " + settings.maxStreamLength() + ")")))));
    }

    /** A failed command on a node's own connection may mean a failover: the topology is read again (rate limited). */
    private <T> CompletableFuture<T> onWriterFailure(CompletableFuture<T> publication) {
        return publication.whenComplete((ignored, failure) -> {
            if (RedisCalls.unwrapped(failure) instanceof RedisCommandFailedException) {
                deployment.ifResolved(RedisDeployment::topologyMayHaveChanged);
            }
        });
    }

    /** The connection to the stream's master, found without waiting once connected (failing as a future). */
    private CompletableFuture<RedisClusterAsyncCommands<String, String>> writerFor(String stream) {
        try {
            return CompletableFuture.completedFuture(deployment.deployment(settings.commandTimeout())
                    .writerFor(stream, settings.commandTimeout()));
        } catch (RedisCommandFailedException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public List<QueuedEvent> read(String consumer, int max, Duration block) {
        if (max < 1) {
            return List.of();
        }
        List<String> streams = shards.readable(settings.commandTimeout());
        Duration wait = boundedBlock(block);
        if (streams.size() == 1) {
            return readStream(consumer, streams.get(0), max, wait);
        }
        int start = Math.floorMod(rotation.getAndIncrement(), streams.size());
        List<QueuedEvent> read = new ArrayList<>();
        RedisCommandFailedException unreadable = null;
        String waitOn = null;
        for (int i = 0; i < streams.size() && read.size() < max; i++) {
            String stream = streams.get((start + i) % streams.size());
            try {
                read.addAll(readStream(consumer, reachable(stream), max - read.size(), Duration.ZERO));
                waitOn = waitOn == null ? stream : waitOn;
            } catch (RedisCommandFailedException e) {
                unreadable = e; // its master is away (a failover): read the others meanwhile
            }
        }
        if (waitOn == null && unreadable != null) {
            throw unreadable;
        }
        if (read.isEmpty() && !wait.isZero() && waitOn != null) {
            Duration shortWait = wait.compareTo(LONGEST_SHARD_BLOCK) > 0 ? LONGEST_SHARD_BLOCK : wait;
            read.addAll(readStream(consumer, waitOn, max, shortWait));
        }
        return read;
    }

    /**
     * {@code stream} itself when its master can be reached now; otherwise fails at once, so that a shard in a
     * failover does not hold up the others for a command timeout.
     */
    private String reachable(String stream) {
        writerFor(stream);
        return stream;
    }

    @SuppressWarnings("unchecked") // Lettuce's xreadgroup takes its (single) stream offset as generic varargs
    private List<QueuedEvent> readStream(String consumer, String stream, int max, Duration wait) {
        XReadArgs arguments = XReadArgs.Builder.count(max);
        if (!wait.isZero()) {
            arguments.block(wait);
        }
        Duration timeout = settings.commandTimeout();
        LazyConnection connection = readerConnections.apply(consumer);
        List<StreamMessage<String, String>> messages = withGroup(stream, () -> RedisCalls.await("XREADGROUP", timeout,
                () -> connection.commands(timeout).xreadgroup(Consumer.from(settings.consumerGroup(), consumer), arguments,
                        XReadArgs.StreamOffset.lastConsumed(stream))));
        // Entries read as new (">") are delivered for the first time.
        return toQueuedEvents(stream, messages, id -> 1L);
    }

    /** Zero for "do not block" (Redis reads BLOCK 0 as "forever"); otherwise at most half the command timeout. */
    private Duration boundedBlock(Duration block) {
        if (block == null || block.isNegative() || block.isZero()) {
            return Duration.ZERO;
        }
        Duration longest = settings.commandTimeout().dividedBy(2);
        Duration bounded = block.compareTo(longest) > 0 ? longest : block;
        return bounded.toMillis() < 1 ? Duration.ofMillis(1) : Duration.ofMillis(bounded.toMillis());
    }

    @Override
    public void ack(List<QueuedEvent> entries) {
        for (Map.Entry<String, String[]> stream : idsByStream(entries).entrySet()) {
            String[] ids = stream.getValue();
            RedisCalls.await("XACK", settings.commandTimeout(),
                    () -> commands().xack(stream.getKey(), settings.consumerGroup(), ids));
            AtomicLong acks = acksSinceTrim.computeIfAbsent(stream.getKey(), key -> new AtomicLong());
            if (acks.addAndGet(ids.length) >= trimEveryAcks) {
                acks.set(0);
                trimAcknowledgedQuietly(stream.getKey(), false);
            }
        }
    }

    /** Stream ids by stream key, in the order the entries came. */
    private static Map<String, String[]> idsByStream(List<QueuedEvent> entries) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        for (QueuedEvent entry : entries) {
            EntryId id = EntryId.parse(entry.entryId());
            ids.computeIfAbsent(id.stream(), key -> new ArrayList<>()).add(id.streamId());
        }
        Map<String, String[]> arrays = new LinkedHashMap<>();
        ids.forEach((stream, list) -> arrays.put(stream, list.toArray(String[]::new)));
        return arrays;
    }

    @Override
    public List<QueuedEvent> claimStale(String consumer, Duration minIdle, int max) {
        if (max < 1) {
            return List.of();
        }
        List<String> streams = shards.readable(settings.commandTimeout());
        int start = Math.floorMod(rotation.getAndIncrement(), streams.size());
        List<QueuedEvent> claimed = new ArrayList<>();
        RedisCommandFailedException unclaimable = null;
        int claimable = 0;
        for (int i = 0; i < streams.size() && claimed.size() < max; i++) {
            String stream = streams.get((start + i) % streams.size());
            try {
                claimed.addAll(claimStale(streams.size() == 1 ? stream : reachable(stream), consumer, minIdle, max - claimed.size()));
                claimable++;
            } catch (RedisCommandFailedException e) {
                unclaimable = e; // claimed once its shard is back
            }
        }
        if (claimable == 0 && unclaimable != null) {
            throw unclaimable;
        }
        return claimed;
    }

    private List<QueuedEvent> claimStale(String stream, String consumer, Duration minIdle, int max) {
        List<StreamMessage<String, String>> claimed = withGroup(stream, () -> autoClaim(stream, consumer, minIdle, max));
        if (claimed.isEmpty()) {
            return List.of();
        }
        Map<String, Long> deliveries = deliveryCounts(stream, claimed);
        List<StreamMessage<String, String>> live = new ArrayList<>(claimed.size());
        for (StreamMessage<String, String> message : claimed) {
            Long count = deliveries.get(message.getId());
            if (count == null) {
                continue; // acknowledged by its former consumer after all, between the claim and now
            }
            if (count > settings.maxDeliveries()) {
                // Also here, not only in the processor: a consumer that crashes on an entry never gets to move it.
                if (moveToDeadLetters(stream, message.getId(), payloadOf(message),
                        "delivered " + count + " times without being acknowledged", count)) {
                    observer.deadLettered(stream, "too many deliveries");
                }
            } else {
                live.add(message);
            }
        }
        return toQueuedEvents(stream, live, deliveries::get);
    }

    private List<StreamMessage<String, String>> autoClaim(String stream, String consumer, Duration minIdle, int max) {
        List<StreamMessage<String, String>> claimed = new ArrayList<>();
        String cursor = SCAN_START;
        long idleMillis = minIdle == null || minIdle.isNegative() ? 0 : minIdle.toMillis();
        for (int round = 0; round < CLAIM_SCAN_ROUNDS && claimed.size() < max; round++) {
            XAutoClaimArgs<String> arguments = new XAutoClaimArgs<String>()
                    .consumer(Consumer.from(settings.consumerGroup(), consumer))
                    .minIdleTime(idleMillis)
                    .startId(cursor)
                    .count(max - claimed.size());
            ClaimedMessages<String, String> page = RedisCalls.await("XAUTOCLAIM", settings.commandTimeout(),
                    () -> commands().xautoclaim(stream, arguments));
            for (StreamMessage<String, String> message : page.getMessages()) {
                if (message.getBody() != null) {
                    claimed.add(message); // a null body is an entry deleted meanwhile (Redis 6.2); Redis 7 drops those itself
                }
            }
            cursor = page.getId();
            if (SCAN_START.equals(cursor)) {
                break;
            }
        }
        return claimed;
    }

    /** The delivery count of each entry still pending, by id, from one pipelined XPENDING per entry. */
    private Map<String, Long> deliveryCounts(String stream, List<StreamMessage<String, String>> messages) {
        RedisClusterAsyncCommands<String, String> async = commands();
        List<RedisFuture<List<PendingMessage>>> replies = new ArrayList<>(messages.size());
        try {
            for (StreamMessage<String, String> message : messages) {
                Range<String> justThisEntry = Range.create(message.getId(), message.getId());
                replies.add(async.xpending(stream,
                        XPendingArgs.Builder.xpending(settings.consumerGroup(), justThisEntry, Limit.from(1))));
            }
        } catch (RuntimeException e) {
            throw RedisCalls.failed("XPENDING", e);
        }
        Map<String, Long> counts = new HashMap<>();
        for (RedisFuture<List<PendingMessage>> reply : replies) {
            for (PendingMessage pending : RedisCalls.await("XPENDING", settings.commandTimeout(), reply)) {
                counts.put(pending.getId(), pending.getRedeliveryCount());
            }
        }
        return counts;
    }

    @Override
    public void keepClaimed(String consumer, List<QueuedEvent> entries) {
        for (Map.Entry<String, String[]> stream : idsByStream(entries).entrySet()) {
            // JUSTID: resets the idle time without counting another delivery.
            withGroup(stream.getKey(), () -> RedisCalls.await("XCLAIM", settings.commandTimeout(),
                    () -> commands().xclaim(stream.getKey(), Consumer.from(settings.consumerGroup(), consumer),
                            new XClaimArgs().minIdleTime(0).justid(), stream.getValue())));
        }
    }

    /** The processor counts the entries it sets aside itself; this does not. */
    @Override
    public void deadLetter(QueuedEvent entry, String error) {
        EntryId id = EntryId.parse(entry.entryId());
        moveToDeadLetters(id.stream(), id.streamId(), codec.encode(entry.event()), error, entry.deliveries());
    }

    /** @return whether the entry was moved now (false when it was no longer pending) */
    private boolean moveToDeadLetters(String stream, String streamId, String payload, String error, long deliveries) {
        String shortError = error == null ? "" : error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
        String deadLetters = StreamShards.deadLetterKey(stream);
        String[] keys = {stream, deadLetters};
        String[] arguments = {settings.consumerGroup(), streamId, payload, shortError, Long.toString(deliveries),
                Long.toString(settings.maxStreamLength())};
        long moved = withGroup(stream, () -> MOVE_TO_DEAD_LETTERS.<Long>run(commands(), ScriptOutputType.INTEGER, keys, arguments,
                settings.commandTimeout()));
        if (moved == 1) {
            LOG.log(System.Logger.Level.WARNING, "moved queue entry {0} to {1} after {2} deliveries: {3}",
                    streamId, deadLetters, deliveries, Redaction.text(shortError));
        }
        return moved == 1;
    }

    private List<QueuedEvent> toQueuedEvents(String stream, List<StreamMessage<String, String>> messages,
                                             ToLongFunction<String> deliveries) {
        List<QueuedEvent> events = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> message : messages) {
            long delivered = deliveries.applyAsLong(message.getId());
            String payload = payloadOf(message);
            try {
                events.add(new QueuedEvent(new EntryId(message.getId(), stream).toString(), codec.decode(payload), delivered));
            } catch (IllegalArgumentException e) {
                // It can never be processed: set it aside at once rather than after N deliveries.
                if (moveToDeadLetters(stream, message.getId(), payload, "not a readable event: " + e.getMessage(), delivered)) {
                    observer.deadLettered(stream, "unreadable");
                }
            }
        }
        return events;
    }

    private static String payloadOf(StreamMessage<String, String> message) {
        String payload = message.getBody() == null ? null : message.getBody().get(PAYLOAD_FIELD);
        return payload == null ? "" : payload;
    }

    /** The totals over every shard; the lag is the oldest shard's. */
    @Override
    public QueueStats stats() {
        List<StreamStats> perStream = streamStats();
        long length = 0;
        long pending = 0;
        long deadLetters = 0;
        Duration lag = Duration.ZERO;
        for (StreamStats stream : perStream) {
            length += stream.length();
            pending += stream.pending();
            deadLetters += stream.deadLetters();
            lag = stream.oldestUnacknowledgedAge().compareTo(lag) > 0 ? stream.oldestUnacknowledgedAge() : lag;
        }
        return new QueueStats(length, pending, lag, deadLetters);
    }

    /** The figures of every stream read. */
    List<StreamStats> streamStats() {
        List<StreamStats> all = new ArrayList<>();
        for (String stream : shards.readable(settings.commandTimeout())) {
            all.add(withGroup(stream, () -> readStats(stream)));
        }
        return all;
    }

    private StreamStats readStats(String stream) {
        RedisClusterAsyncCommands<String, String> async = commands();
        RedisFuture<Long> length;
        RedisFuture<PendingMessages> pending;
        RedisFuture<List<Object>> groups;
        RedisFuture<Long> deadLetters;
        RedisFuture<List<String>> serverTime;
        try {
            length = async.xlen(stream);
            pending = async.xpending(stream, settings.consumerGroup());
            groups = async.xinfoGroups(stream);
            deadLetters = async.xlen(StreamShards.deadLetterKey(stream));
            serverTime = async.time();
        } catch (RuntimeException e) {
            throw RedisCalls.failed("reading the queue's statistics", e);
        }
        Duration timeout = settings.commandTimeout();
        PendingMessages pendingSummary = RedisCalls.await("XPENDING", timeout, pending);
        ConsumerGroupInfo group = ourGroup(RedisCalls.await("XINFO GROUPS", timeout, groups));
        StreamId oldestUnacknowledged = pendingSummary.getCount() > 0
                ? StreamId.parse(pendingSummary.getMessageIds().getLower().getValue())
                : firstUndelivered(stream, group.lastDeliveredId());
        List<String> time = RedisCalls.await("TIME", timeout, serverTime);
        Instant now = Instant.ofEpochSecond(Long.parseLong(time.get(0)), Long.parseLong(time.get(1)) * 1_000);
        Duration age = oldestUnacknowledged == null ? Duration.ZERO : Duration.between(oldestUnacknowledged.addedAt(), now);
        long undelivered = group.lag() >= 0 ? group.lag() : countUndelivered(stream, group.lastDeliveredId());
        return new StreamStats(stream, RedisCalls.await("XLEN", timeout, length), pendingSummary.getCount(), undelivered,
                age.isNegative() ? Duration.ZERO : age, RedisCalls.await("XLEN", timeout, deadLetters));
    }

    private ConsumerGroupInfo ourGroup(List<Object> groupsReply) {
        return ConsumerGroupInfo.parseAll(groupsReply).stream()
                .filter(group -> group.name().equals(settings.consumerGroup()))
                .findFirst()
                .orElse(new ConsumerGroupInfo(settings.consumerGroup(), 0, StreamId.ZERO, -1));
    }

    /** The first entry after {@code lastDelivered}, or null when every entry has been delivered. */
    private StreamId firstUndelivered(String stream, StreamId lastDelivered) {
        List<StreamMessage<String, String>> next = undelivered(stream, lastDelivered, 1);
        return next.isEmpty() ? null : StreamId.parse(next.get(0).getId());
    }

    /** Entries after {@code lastDelivered}, counted up to a bound (when Redis does not know the group's lag). */
    private long countUndelivered(String stream, StreamId lastDelivered) {
        return undelivered(stream, lastDelivered, MOST_UNDELIVERED_COUNTED).size();
    }

    private List<StreamMessage<String, String>> undelivered(String stream, StreamId lastDelivered, int limit) {
        Range<String> after = Range.from(Range.Boundary.excluding(lastDelivered.toString()), Range.Boundary.unbounded());
        return RedisCalls.await("XRANGE", settings.commandTimeout(), () -> commands().xrange(stream, after, Limit.from(limit)));
    }

    /** Trims every stream read; see {@link #trimAcknowledged(String, boolean)}. @return the entries removed */
    long trimAcknowledged(boolean exact) {
        long removed = 0;
        for (String stream : shards.readable(settings.commandTimeout())) {
            removed += trimAcknowledged(stream, exact);
        }
        return removed;
    }

    /**
     * Removes entries that every consumer group has received and acknowledged: those below the oldest entry that
     * is pending in, or not yet delivered to, any group. A stream without groups is left alone: nobody has read
     * anything yet. One script, so the groups' state it reads and the trim it does are one step on one server:
     * read in separate commands, a failover between them could pair one node's delivered id with another's
     * pending entries and cut entries still pending.
     *
     * @param exact false for the cheap approximate trim (whole internal nodes only: it may keep up to a node's worth
     *              of acknowledged entries, never fewer than it should)
     * @return the number of entries removed
     */
    long trimAcknowledged(String stream, boolean exact) {
        Long removed = TRIM_ACKNOWLEDGED.run(commands(), ScriptOutputType.INTEGER, new String[] {stream},
                new String[] {exact ? "exact" : "approximate"}, settings.commandTimeout());
        return removed == null ? 0 : removed;
    }

    private void trimAcknowledgedQuietly(String stream, boolean exact) {
        trimAcknowledgedAsync(stream, exact).join();
    }

    /** {@link #trimAcknowledged(String, boolean)} without waiting; a failure is logged, and the stage completes anyway. */
    private CompletableFuture<Void> trimAcknowledgedAsync(String stream, boolean exact) {
        CompletableFuture<Long> trim;
        try {
            trim = TRIM_ACKNOWLEDGED.runAsync(commands(), ScriptOutputType.INTEGER, new String[] {stream},
                    new String[] {exact ? "exact" : "approximate"}, settings.commandTimeout());
        } catch (RedisCommandFailedException e) {
            trim = CompletableFuture.failedFuture(e);
        }
        return trim.handle((removed, failure) -> {
            if (failure != null) {
                LOG.log(System.Logger.Level.WARNING, "trimming stream {0} failed, will try again later: {1}", stream,
                        RedisCalls.unwrapped(failure).getMessage());
            }
            return null;
        });
    }

    /**
     * Whether an event can be published now: every shard's slot is served by a master that answers a command on
     * that shard's key (on a cluster, a slot whose master died answers nothing until its replica took over) and has
     * as many replicas connected as publications must be confirmed by.
     */
    @Override
    public boolean isReady() {
        try {
            return unservedShards().isEmpty();
        } catch (RedisCommandFailedException e) {
            return false;
        }
    }

    /** The shards an event cannot be published to now, each with the reason. */
    Map<String, String> unservedShards() {
        StreamShards.Layout layout = shards.layout(readinessTimeout);
        Map<String, RedisFuture<Long>> keyChecks = new LinkedHashMap<>();
        Map<String, RedisFuture<String>> replicaChecks = new LinkedHashMap<>();
        Map<String, String> unserved = new LinkedHashMap<>();
        for (String stream : layout.streams()) {
            try {
                RedisClusterAsyncCommands<String, String> writer = deployment.deployment(readinessTimeout).writerFor(stream, readinessTimeout);
                keyChecks.put(stream, writer.exists(stream));
                if (layout.replicasToConfirm() > 0) {
                    replicaChecks.put(stream, writer.info("replication"));
                }
            } catch (RuntimeException e) { // connecting failed, or no master serves the slot
                unserved.put(stream, e.getMessage());
            }
        }
        keyChecks.forEach((stream, check) -> {
            try {
                RedisCalls.await("checking stream " + stream, readinessTimeout, check);
            } catch (RedisCommandFailedException e) {
                unserved.putIfAbsent(stream, e.getMessage());
            }
        });
        replicaChecks.forEach((stream, check) -> {
            try {
                long replicas = RedisDeployment.onlineReplicas(RedisCalls.await("INFO replication", readinessTimeout, check));
                if (replicas < layout.replicasToConfirm()) {
                    unserved.putIfAbsent(stream, "its master has " + replicas + " replica(s) in sync, "
                            + layout.replicasToConfirm() + " must confirm each publication");
                }
            } catch (RedisCommandFailedException e) {
                unserved.putIfAbsent(stream, e.getMessage());
            }
        });
        if (!unserved.isEmpty()) {
            deployment.ifResolved(RedisDeployment::topologyMayHaveChanged);
        }
        return unserved;
    }

    private RedisClusterAsyncCommands<String, String> commands() {
        return deployment.deployment(settings.commandTimeout()).commands().commands(settings.commandTimeout());
    }

    /** Creates the group (and the stream) starting at the first entry, so that nothing published before is missed. */
    private void ensureGroup(String stream) {
        if (groupsReady.contains(stream)) {
            return;
        }
        try {
            RedisCalls.await("XGROUP CREATE", settings.commandTimeout(),
                    () -> commands().xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"),
                            settings.consumerGroup(), new XGroupCreateArgs().mkstream(true)));
            LOG.log(System.Logger.Level.INFO, "created consumer group {0} on stream {1}", settings.consumerGroup(), stream);
        } catch (RedisCommandFailedException e) {
            if (!e.isErrorReply("BUSYGROUP")) {
                throw e;
            }
        }
        groupsReady.add(stream);
    }

    /** Runs a group command; when the group has vanished (e.g. Redis restarted empty), creates it and runs it again. */
    private <T> T withGroup(String stream, Supplier<T> operation) {
        ensureGroup(stream);
        try {
            return operation.get();
        } catch (RedisCommandFailedException e) {
            if (!e.isErrorReply("NOGROUP")) {
                throw e;
            }
            groupsReady.remove(stream);
            ensureGroup(stream);
            return operation.get();
        }
    }

    /** {@code <stream id>@<stream key>}: which entry of which shard. */
    record EntryId(String streamId, String stream) {
        static EntryId parse(String entryId) {
            int at = entryId.indexOf('@');
            if (at < 1 || at == entryId.length() - 1) {
                throw new IllegalArgumentException("not an entry id of the Redis queue: " + entryId);
            }
            return new EntryId(entryId.substring(0, at), entryId.substring(at + 1));
        }

        @Override
        public String toString() {
            return streamId + "@" + stream;
        }
    }
}
