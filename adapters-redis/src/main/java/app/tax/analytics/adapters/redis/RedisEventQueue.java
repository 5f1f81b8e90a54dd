package app.tax.analytics.adapters.redis;

import app.tax.analytics.application.port.out.EventQueue;
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
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import io.lettuce.core.models.stream.PendingMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * {@link EventQueue} on a Redis stream with one consumer group (docs/ARCHITECTURE.md, "Pipeline guarantees"). Each event is one entry whose field
 * {@value #PAYLOAD_FIELD} holds its JSON. Blocking reads use a connection per consumer, so they never hold up
 * publishing, acknowledging or claiming, which share one multiplexed connection (one reading thread per consumer
 * name, as processor workers are: reads of one consumer queue up behind each other on its connection).
 * <p>
 * Trimming removes only entries that every consumer group has received and acknowledged: it cuts below the oldest
 * entry still pending or not yet delivered, never by length. The length bound makes publishing fail instead
 * (back-pressure: the collector answers 503 and its client retries).
 */
final class RedisEventQueue implements EventQueue {
    private static final System.Logger LOG = System.getLogger(RedisEventQueue.class.getName());
    static final String PAYLOAD_FIELD = "event";
    /** Trimming runs after this many acknowledgements: often enough to keep the stream short, rarely enough to be cheap. */
    static final int DEFAULT_TRIM_EVERY_ACKS = 1_000;
    /** XAUTOCLAIM looks at about ten times COUNT pending entries per call; this bounds the calls per claim. */
    private static final int CLAIM_SCAN_ROUNDS = 10;
    private static final String SCAN_START = "0-0";
    private static final int MAX_ERROR_LENGTH = 2_000;

    /**
     * Appends ARGV[2..] to the stream KEYS[1] unless that would take it past ARGV[1] entries. All or nothing, so a
     * refused batch leaves no partial trace. Returns {appended (1/0), length after}.
     */
    private static final LuaScript APPEND_ALL = new LuaScript("publishing to the stream", """
            local length = redis.call('XLEN', KEYS[1])
            local count = #ARGV - 1
            if length + count > tonumber(ARGV[1]) then
              return {0, length}
            end
            for i = 2, #ARGV do
              redis.call('XADD', KEYS[1], '*', '%s', ARGV[i])
            end
            return {1, length + count}
            """.formatted(PAYLOAD_FIELD));

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

    private final RedisSettings settings;
    private final LazyConnection commands;
    private final Function<String, LazyConnection> readerConnections;
    private final int trimEveryAcks;
    private final Duration readinessTimeout;
    private final EventCodec codec = new EventCodec();
    private final AtomicBoolean groupReady = new AtomicBoolean();
    private final AtomicLong acksSinceTrim = new AtomicLong();

    /**
     * @param commands          the shared connection for everything but blocking reads
     * @param readerConnections a connection of its own for each consumer's blocking reads
     */
    RedisEventQueue(RedisSettings settings, LazyConnection commands, Function<String, LazyConnection> readerConnections,
                    int trimEveryAcks, Duration readinessTimeout) {
        this.settings = settings;
        this.commands = commands;
        this.readerConnections = readerConnections;
        this.trimEveryAcks = trimEveryAcks;
        this.readinessTimeout = readinessTimeout;
    }

    @Override
    public void publish(List<Event> events) throws QueueUnavailableException {
        if (events.isEmpty()) {
            return;
        }
        String[] arguments = new String[events.size() + 1];
        arguments[0] = Long.toString(settings.maxStreamLength());
        for (int i = 0; i < events.size(); i++) {
            arguments[i + 1] = codec.encode(events.get(i));
        }
        try {
            if (appendAll(arguments) >= 0) {
                return;
            }
            // Acknowledged entries may still wait for the periodic trim: drop them all (exactly, this once), then
            // try again.
            trimAcknowledgedQuietly(true);
            long lengthWhenFull = appendAll(arguments);
            if (lengthWhenFull < 0) {
                throw new QueueUnavailableException("the queue is full: stream " + settings.streamKey() + " holds "
                        + (-lengthWhenFull - 1) + " entries not yet processed (limit " + settings.maxStreamLength() + ")");
            }
        } catch (RedisCommandFailedException e) {
            throw new QueueUnavailableException("Redis cannot take the events: " + e.getMessage(), e);
        }
    }

    /** @return the stream's length after appending, or {@code -(length + 1)} when the batch would not fit */
    private long appendAll(String[] arguments) {
        List<Long> reply = APPEND_ALL.run(commands(), ScriptOutputType.MULTI, new String[] {settings.streamKey()},
                arguments, settings.commandTimeout());
        long length = reply.get(1);
        return reply.get(0) == 1L ? length : -(length + 1);
    }

    @Override
    @SuppressWarnings("unchecked") // Lettuce's xreadgroup takes its (single) stream offset as generic varargs
    public List<QueuedEvent> read(String consumer, int max, Duration block) {
        if (max < 1) {
            return List.of();
        }
        XReadArgs arguments = XReadArgs.Builder.count(max);
        Duration wait = boundedBlock(block);
        if (!wait.isZero()) {
            arguments.block(wait);
        }
        Duration timeout = settings.commandTimeout();
        LazyConnection connection = readerConnections.apply(consumer);
        List<StreamMessage<String, String>> messages = withGroup(() -> RedisCalls.await("XREADGROUP", timeout,
                () -> connection.commands(timeout).xreadgroup(Consumer.from(settings.consumerGroup(), consumer), arguments,
                        XReadArgs.StreamOffset.lastConsumed(settings.streamKey()))));
        // Entries read as new (">") are delivered for the first time.
        return toQueuedEvents(messages, id -> 1L);
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
        if (entries.isEmpty()) {
            return;
        }
        String[] ids = entries.stream().map(QueuedEvent::entryId).toArray(String[]::new);
        RedisCalls.await("XACK", settings.commandTimeout(),
                () -> commands().xack(settings.streamKey(), settings.consumerGroup(), ids));
        if (acksSinceTrim.addAndGet(ids.length) >= trimEveryAcks) {
            acksSinceTrim.set(0);
            trimAcknowledgedQuietly(false);
        }
    }

    @Override
    public List<QueuedEvent> claimStale(String consumer, Duration minIdle, int max) {
        if (max < 1) {
            return List.of();
        }
        List<StreamMessage<String, String>> claimed = withGroup(() -> autoClaim(consumer, minIdle, max));
        if (claimed.isEmpty()) {
            return List.of();
        }
        Map<String, Long> deliveries = deliveryCounts(claimed);
        List<StreamMessage<String, String>> live = new ArrayList<>(claimed.size());
        for (StreamMessage<String, String> message : claimed) {
            Long count = deliveries.get(message.getId());
            if (count == null) {
                continue; // acknowledged by its former consumer after all, between the claim and now
            }
            if (count > settings.maxDeliveries()) {
                // Also here, not only in the processor: a consumer that crashes on an entry never gets to move it.
                moveToDeadLetters(message.getId(), payloadOf(message),
                        "delivered " + count + " times without being acknowledged", count);
            } else {
                live.add(message);
            }
        }
        return toQueuedEvents(live, deliveries::get);
    }

    private List<StreamMessage<String, String>> autoClaim(String consumer, Duration minIdle, int max) {
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
                    () -> commands().xautoclaim(settings.streamKey(), arguments));
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
    private Map<String, Long> deliveryCounts(List<StreamMessage<String, String>> messages) {
        RedisAsyncCommands<String, String> async = commands();
        List<RedisFuture<List<PendingMessage>>> replies = new ArrayList<>(messages.size());
        try {
            for (StreamMessage<String, String> message : messages) {
                Range<String> justThisEntry = Range.create(message.getId(), message.getId());
                replies.add(async.xpending(settings.streamKey(),
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
        if (entries.isEmpty()) {
            return;
        }
        String[] ids = entries.stream().map(QueuedEvent::entryId).toArray(String[]::new);
        // JUSTID: resets the idle time without counting another delivery.
        withGroup(() -> RedisCalls.await("XCLAIM", settings.commandTimeout(),
                () -> commands().xclaim(settings.streamKey(), Consumer.from(settings.consumerGroup(), consumer),
                        new XClaimArgs().minIdleTime(0).justid(), ids)));
    }

    @Override
    public void deadLetter(QueuedEvent entry, String error) {
        moveToDeadLetters(entry.entryId(), codec.encode(entry.event()), error, entry.deliveries());
    }

    private void moveToDeadLetters(String entryId, String payload, String error, long deliveries) {
        String shortError = error == null ? "" : error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
        String[] keys = {settings.streamKey(), settings.deadLetterKey()};
        String[] arguments = {settings.consumerGroup(), entryId, payload, shortError, Long.toString(deliveries),
                Long.toString(settings.maxStreamLength())};
        long moved = withGroup(() -> MOVE_TO_DEAD_LETTERS.<Long>run(commands(), ScriptOutputType.INTEGER, keys, arguments,
                settings.commandTimeout()));
        if (moved == 1) {
            LOG.log(System.Logger.Level.WARNING, "moved queue entry {0} to {1} after {2} deliveries: {3}",
                    entryId, settings.deadLetterKey(), deliveries, Redaction.text(shortError));
        }
    }

    private List<QueuedEvent> toQueuedEvents(List<StreamMessage<String, String>> messages, ToLongFunction<String> deliveries) {
        List<QueuedEvent> events = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> message : messages) {
            long delivered = deliveries.applyAsLong(message.getId());
            String payload = payloadOf(message);
            try {
                events.add(new QueuedEvent(message.getId(), codec.decode(payload), delivered));
            } catch (IllegalArgumentException e) {
                // It can never be processed: set it aside at once rather than after N deliveries.
                moveToDeadLetters(message.getId(), payload, "not a readable event: " + e.getMessage(), delivered);
            }
        }
        return events;
    }

    private static String payloadOf(StreamMessage<String, String> message) {
        String payload = message.getBody() == null ? null : message.getBody().get(PAYLOAD_FIELD);
        return payload == null ? "" : payload;
    }

    @Override
    public QueueStats stats() {
        return withGroup(this::readStats);
    }

    private QueueStats readStats() {
        RedisAsyncCommands<String, String> async = commands();
        String stream = settings.streamKey();
        RedisFuture<Long> length;
        RedisFuture<PendingMessages> pending;
        RedisFuture<List<Object>> groups;
        RedisFuture<Long> deadLetters;
        RedisFuture<List<String>> serverTime;
        try {
            length = async.xlen(stream);
            pending = async.xpending(stream, settings.consumerGroup());
            groups = async.xinfoGroups(stream);
            deadLetters = async.xlen(settings.deadLetterKey());
            serverTime = async.time();
        } catch (RuntimeException e) {
            throw RedisCalls.failed("reading the queue's statistics", e);
        }
        Duration timeout = settings.commandTimeout();
        PendingMessages pendingSummary = RedisCalls.await("XPENDING", timeout, pending);
        StreamId oldestUnacknowledged = pendingSummary.getCount() > 0
                ? StreamId.parse(pendingSummary.getMessageIds().getLower().getValue())
                : firstUndelivered(lastDeliveredId(RedisCalls.await("XINFO GROUPS", timeout, groups)));
        List<String> time = RedisCalls.await("TIME", timeout, serverTime);
        Instant now = Instant.ofEpochSecond(Long.parseLong(time.get(0)), Long.parseLong(time.get(1)) * 1_000);
        Duration lag = oldestUnacknowledged == null ? Duration.ZERO
                : Duration.between(oldestUnacknowledged.addedAt(), now);
        return new QueueStats(RedisCalls.await("XLEN", timeout, length), pendingSummary.getCount(),
                lag.isNegative() ? Duration.ZERO : lag, RedisCalls.await("XLEN", timeout, deadLetters));
    }

    private StreamId lastDeliveredId(List<Object> groupsReply) {
        return ConsumerGroupInfo.parseAll(groupsReply).stream()
                .filter(group -> group.name().equals(settings.consumerGroup()))
                .map(ConsumerGroupInfo::lastDeliveredId)
                .findFirst()
                .orElse(StreamId.ZERO);
    }

    /** The first entry after {@code lastDelivered}, or null when every entry has been delivered. */
    private StreamId firstUndelivered(StreamId lastDelivered) {
        Range<String> after = Range.from(Range.Boundary.excluding(lastDelivered.toString()), Range.Boundary.unbounded());
        List<StreamMessage<String, String>> next = RedisCalls.await("XRANGE", settings.commandTimeout(),
                () -> commands().xrange(settings.streamKey(), after, Limit.from(1)));
        return next.isEmpty() ? null : StreamId.parse(next.get(0).getId());
    }

    /**
     * Removes entries that every consumer group has received and acknowledged: those below the oldest entry that
     * is pending in, or not yet delivered to, any group. A stream without groups is left alone: nobody has read
     * anything yet.
     *
     * @param exact false for the cheap approximate trim (whole internal nodes only: it may keep up to a node's worth
     *              of acknowledged entries, never fewer than it should)
     * @return the number of entries removed
     */
    long trimAcknowledged(boolean exact) {
        Duration timeout = settings.commandTimeout();
        String stream = settings.streamKey();
        List<ConsumerGroupInfo> groups = ConsumerGroupInfo.parseAll(
                RedisCalls.await("XINFO GROUPS", timeout, () -> commands().xinfoGroups(stream)));
        StreamId keepFrom = null;
        for (ConsumerGroupInfo group : groups) {
            StreamId groupKeepsFrom = group.lastDeliveredId();
            if (group.pending() > 0) {
                PendingMessages summary = RedisCalls.await("XPENDING", timeout, () -> commands().xpending(stream, group.name()));
                if (summary.getCount() > 0) {
                    groupKeepsFrom = StreamId.min(groupKeepsFrom, StreamId.parse(summary.getMessageIds().getLower().getValue()));
                }
            }
            keepFrom = keepFrom == null ? groupKeepsFrom : StreamId.min(keepFrom, groupKeepsFrom);
        }
        if (keepFrom == null || keepFrom.equals(StreamId.ZERO)) {
            return 0;
        }
        String minId = keepFrom.toString();
        return RedisCalls.await("XTRIM", timeout,
                () -> commands().xtrim(stream, new XTrimArgs().minId(minId).approximateTrimming(!exact)));
    }

    private void trimAcknowledgedQuietly(boolean exact) {
        try {
            trimAcknowledged(exact);
        } catch (RedisCommandFailedException e) {
            LOG.log(System.Logger.Level.WARNING, "trimming stream {0} failed, will try again later: {1}",
                    settings.streamKey(), e.getMessage());
        }
    }

    @Override
    public boolean isReady() {
        return commands.ping(readinessTimeout);
    }

    private RedisAsyncCommands<String, String> commands() {
        return commands.commands(settings.commandTimeout());
    }

    /** Creates the group (and the stream) starting at the first entry, so that nothing published before is missed. */
    private void ensureGroup() {
        if (groupReady.get()) {
            return;
        }
        try {
            RedisCalls.await("XGROUP CREATE", settings.commandTimeout(),
                    () -> commands().xgroupCreate(XReadArgs.StreamOffset.from(settings.streamKey(), "0"),
                            settings.consumerGroup(), new XGroupCreateArgs().mkstream(true)));
            LOG.log(System.Logger.Level.INFO, "created consumer group {0} on stream {1}",
                    settings.consumerGroup(), settings.streamKey());
        } catch (RedisCommandFailedException e) {
            if (!e.isErrorReply("BUSYGROUP")) {
                throw e;
            }
        }
        groupReady.set(true);
    }

    /** Runs a group command; when the group has vanished (e.g. Redis restarted empty), creates it and runs it again. */
    private <T> T withGroup(Supplier<T> operation) {
        ensureGroup();
        try {
            return operation.get();
        } catch (RedisCommandFailedException e) {
            if (!e.isErrorReply("NOGROUP")) {
                throw e;
            }
            groupReady.set(false);
            ensureGroup();
            return operation.get();
        }
    }
}
