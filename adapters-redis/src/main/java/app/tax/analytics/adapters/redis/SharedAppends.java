package app.tax.analytics.adapters.redis;

import app.tax.analytics.application.port.out.QueueUnavailableException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The appends of one stream, shared among the publications that arrive together: while one append script is on its
 * way to Redis, the publications that come meanwhile wait, and then go in one call, sent from the thread that got the
 * reply (Lettuce's I/O thread, which writes without waking another thread). When nothing is on its way, a
 * publication is sent at once, so an idle queue adds no wait. Each publication stays all or nothing: the script
 * checks the stream's length bound for each in turn, in arrival order, and appends it whole or not at all. Where
 * replicas must confirm, one {@code WAIT} after the script covers every publication it appended.
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
    /** {@link Reply#confirmed} when no replica had to confirm. */
    private static final long NOT_ASKED = -1;

    private final String stream;
    private final RedisSettings settings;
    private final ArrayDeque<Publication> waiting = new ArrayDeque<>();
    private boolean callOnItsWay;

    private record Publication(RedisClusterAsyncCommands<String, String> writer, int replicasToConfirm, List<String> entries,
                               int characters, CompletableFuture<Long> appended) {
        boolean goesWith(Publication other) {
            return writer == other.writer && replicasToConfirm == other.replicasToConfirm;
        }
    }

    SharedAppends(String stream, RedisSettings settings) {
        this.stream = stream;
        this.settings = settings;
    }

    /**
     * @param writer            the connection to the stream's master, as found by the caller (a call here never looks
     *                          it up, since it may run on Lettuce's I/O thread, which must not wait)
     * @param replicasToConfirm how many replicas must confirm the entries before they count as appended (0: none)
     * @return the stream's length after appending, or {@code -(length + 1)} when the entries would not fit; fails with
     *         a {@link RedisCommandFailedException}, or a {@link QueueUnavailableException} when too few replicas
     *         confirmed. Bounded by four times the command timeout: the script and {@code WAIT} on their way, then
     *         this publication's.
     */
    CompletableFuture<Long> append(RedisClusterAsyncCommands<String, String> writer, int replicasToConfirm, List<String> entries) {
        int characters = 0;
        for (String entry : entries) {
            characters += entry.length();
        }
        Publication publication = new Publication(writer, replicasToConfirm, entries, characters, new CompletableFuture<>());
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
            CompletableFuture<Reply> reply = send(group);
            if (!reply.isDone()) {
                List<Publication> sent = group;
                reply.whenComplete((answer, failure) -> {
                    List<Publication> next = settle(sent, answer, failure);
                    if (next != null) {
                        sendFrom(next);
                    }
                });
                return;
            }
            List<Publication> sent = group;
            group = reply.handle((answer, failure) -> settle(sent, answer, failure)).join();
        }
    }

    /** The script's lengths, and how many replicas confirmed them ({@link #NOT_ASKED} when none had to). */
    private record Reply(List<Long> lengths, long confirmed) {
    }

    /** The script, then (where replicas must confirm and something was appended) {@code WAIT}. */
    private CompletableFuture<Reply> send(List<Publication> group) {
        List<String> arguments = new ArrayList<>(2 + group.size() * 2);
        arguments.add(Long.toString(settings.maxStreamLength()));
        arguments.add(Integer.toString(group.size()));
        for (Publication publication : group) {
            arguments.add(Integer.toString(publication.entries().size()));
        }
        for (Publication publication : group) {
            arguments.addAll(publication.entries());
        }
        RedisClusterAsyncCommands<String, String> writer = group.get(0).writer();
        int replicas = group.get(0).replicasToConfirm();
        CompletableFuture<List<Long>> appended = APPEND_EACH.runAsync(writer, ScriptOutputType.MULTI, new String[] {stream},
                arguments.toArray(String[]::new), settings.commandTimeout());
        return appended.thenCompose(lengths -> replicas == 0 || lengths.stream().allMatch(length -> length < 0)
                ? CompletableFuture.completedFuture(new Reply(lengths, NOT_ASKED))
                // on the connection that wrote, so it covers these writes
                : RedisCalls.call("WAIT", settings.commandTimeout(),
                        () -> writer.waitForReplication(replicas, settings.replicaAckTimeout().toMillis()))
                        .thenApply(confirmed -> new Reply(lengths, confirmed)));
    }

    /** Completes the group's publications, then takes the next group (or marks that no call is on its way). */
    private List<Publication> settle(List<Publication> group, Reply reply, Throwable failure) {
        for (int i = 0; i < group.size(); i++) {
            Publication publication = group.get(i);
            if (failure != null) {
                publication.appended().completeExceptionally(RedisCalls.failed("publishing to the stream",
                        RedisCalls.unwrapped(failure)));
            } else if (reply.lengths().size() != group.size()) {
                publication.appended().completeExceptionally(new RedisCommandFailedException("publishing to the stream failed: "
                        + "Redis answered " + reply.lengths().size() + " results for " + group.size() + " publications", null));
            } else if (reply.lengths().get(i) >= 0 && reply.confirmed() != NOT_ASKED
                    && reply.confirmed() < publication.replicasToConfirm()) {
                // A master that dies before its replica got the entries would lose them: refused (503), the client
                // sends them again.
                publication.appended().completeExceptionally(new QueueUnavailableException("only " + reply.confirmed() + " of "
                        + publication.replicasToConfirm() + " replicas confirmed the events in " + stream + " within "
                        + settings.replicaAckTimeout().toMillis() + " ms; send them again"));
            } else {
                publication.appended().complete(reply.lengths().get(i));
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
     * moved the stream's master meanwhile) and the same replicas to confirm, up to the size bound, and always at
     * least one.
     */
    private List<Publication> nextGroup() {
        List<Publication> group = new ArrayList<>();
        Publication head = waiting.poll();
        group.add(head);
        long characters = head.characters();
        while (!waiting.isEmpty() && waiting.peek().goesWith(head)
                && characters + waiting.peek().characters() <= MOST_CHARACTERS_PER_CALL) {
            Publication next = waiting.poll();
            characters += next.characters();
            group.add(next);
        }
        return group;
    }
}
