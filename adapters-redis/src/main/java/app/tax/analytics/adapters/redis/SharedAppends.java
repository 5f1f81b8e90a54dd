package app.tax.analytics.adapters.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The appends of one stream, shared among the publications that arrive together: while one append script is on its
 * way to Redis, the publications that come meanwhile wait, and then go in one call, sent from the thread that got the
 * reply (Lettuce's I/O thread, which writes without waking another thread). When nothing is on its way, a
 * publication is sent at once, so an idle queue adds no wait. Each publication stays all or nothing: the script
 * checks the stream's length bound for each in turn, in arrival order, and appends it whole or not at all.
 */
final class SharedAppends {
    /**
     * Appends each group of ARGV to the stream KEYS[1] unless that would take it past ARGV[1] entries. ARGV[2] is the
     * number of groups g, ARGV[3..2+g] their sizes, then the entries of every group in order. Returns, per group, the
     * stream's length after appending it, or -(length + 1) when it did not fit (and nothing of it was appended).
     */
    private static final LuaScript APPEND_EACH = new LuaScript("publishing to the stream", """
            local length = redis.call('XLEN', KEYS[1])
            local limit = tonumber(ARGV[1])
            local groups = tonumber(ARGV[2])
            local replies = {}
            local at = 3 + groups
            for g = 1, groups do
              local count = tonumber(ARGV[2 + g])
              if length + count > limit then
                replies[g] = -(length + 1)
              else
                for i = at, at + count - 1 do
                  redis.call('XADD', KEYS[1], '*', '%s', ARGV[i])
                end
                length = length + count
                replies[g] = length
              end
              at = at + count
            end
            return replies
            """.formatted(RedisEventQueue.PAYLOAD_FIELD));

    /** One call carries at most about this many characters of entries (a script holds Redis for as long as it runs). */
    static final int MOST_CHARACTERS_PER_CALL = 1 << 20;

    private final String stream;
    private final long maxStreamLength;
    private final Duration commandTimeout;
    private final ArrayDeque<Publication> waiting = new ArrayDeque<>();
    private boolean callOnItsWay;

    private record Publication(RedisClusterAsyncCommands<String, String> writer, List<String> entries, int characters,
                               CompletableFuture<Long> appended) {
    }

    SharedAppends(String stream, long maxStreamLength, Duration commandTimeout) {
        this.stream = stream;
        this.maxStreamLength = maxStreamLength;
        this.commandTimeout = commandTimeout;
    }

    /**
     * @param writer  the connection to the stream's master, as found by the caller (a call here never looks it up,
     *                since it may run on Lettuce's I/O thread, which must not wait)
     * @return the stream's length after appending, or {@code -(length + 1)} when the entries would not fit; fails with
     *         a {@link RedisCommandFailedException}. Bounded by twice the command timeout: the call on its way, then this one.
     */
    CompletableFuture<Long> append(RedisClusterAsyncCommands<String, String> writer, List<String> entries) {
        int characters = 0;
        for (String entry : entries) {
            characters += entry.length();
        }
        Publication publication = new Publication(writer, entries, characters, new CompletableFuture<>());
        List<Publication> group;
        synchronized (this) {
            waiting.add(publication);
            if (callOnItsWay) {
                return publication.appended();
            }
            callOnItsWay = true;
            group = nextGroup();
        }
        sendFrom(group);
        return publication.appended();
    }

    /** Sends groups until one is left on its way; a loop, not recursion, since a failed call may complete at once. */
    private void sendFrom(List<Publication> first) {
        List<Publication> group = first;
        while (group != null) {
            CompletableFuture<List<Long>> reply = send(group);
            if (!reply.isDone()) {
                List<Publication> sent = group;
                reply.whenComplete((lengths, failure) -> {
                    List<Publication> next = settle(sent, lengths, failure);
                    if (next != null) {
                        sendFrom(next);
                    }
                });
                return;
            }
            List<Publication> sent = group;
            group = reply.handle((lengths, failure) -> settle(sent, lengths, failure)).join();
        }
    }

    private CompletableFuture<List<Long>> send(List<Publication> group) {
        List<String> arguments = new ArrayList<>(2 + group.size() * 2);
        arguments.add(Long.toString(maxStreamLength));
        arguments.add(Integer.toString(group.size()));
        for (Publication publication : group) {
            arguments.add(Integer.toString(publication.entries().size()));
        }
        for (Publication publication : group) {
            arguments.addAll(publication.entries());
        }
        return APPEND_EACH.runAsync(group.get(0).writer(), ScriptOutputType.MULTI, new String[] {stream},
                arguments.toArray(String[]::new), commandTimeout);
    }

    /** Completes the group's publications, then takes the next group (or marks that no call is on its way). */
    private List<Publication> settle(List<Publication> group, List<Long> lengths, Throwable failure) {
        for (int i = 0; i < group.size(); i++) {
            CompletableFuture<Long> appended = group.get(i).appended();
            if (failure != null) {
                appended.completeExceptionally(RedisCalls.failed("publishing to the stream", RedisCalls.unwrapped(failure)));
            } else if (lengths == null || lengths.size() != group.size()) {
                appended.completeExceptionally(new RedisCommandFailedException("publishing to the stream failed: Redis answered "
                        + (lengths == null ? "nothing" : lengths.size() + " results") + " for " + group.size() + " publications", null));
            } else {
                appended.complete(lengths.get(i));
            }
        }
        synchronized (this) {
            if (waiting.isEmpty()) {
                callOnItsWay = false;
                return null;
            }
            return nextGroup();
        }
    }

    /**
     * The waiting publications that go in one call: those at the head for the same connection (a failover may have
     * moved the stream's master meanwhile), up to the size bound, and always at least one.
     */
    private List<Publication> nextGroup() {
        List<Publication> group = new ArrayList<>();
        Publication head = waiting.poll();
        group.add(head);
        long characters = head.characters();
        while (!waiting.isEmpty() && waiting.peek().writer() == head.writer()
                && characters + waiting.peek().characters() <= MOST_CHARACTERS_PER_CALL) {
            Publication next = waiting.poll();
            characters += next.characters();
            group.add(next);
        }
        return group;
    }
}
