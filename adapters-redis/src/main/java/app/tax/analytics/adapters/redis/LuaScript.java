package app.tax.analytics.adapters.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.HexFormat;

/** A Lua script run by digest (EVALSHA), sent in full (EVAL) only when the server does not know it yet. */
final class LuaScript {
    private static final String[] NO_KEYS = new String[0];

    private final String name;
    private final String source;
    private final String digest;

    LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.digest = sha1Hex(source);
    }

    <T> T run(RedisClusterAsyncCommands<String, String> commands, ScriptOutputType output, String[] keys, String[] arguments,
              Duration timeout) {
        // each of the two tries (by digest, then in full) is bounded by the timeout itself
        return RedisCalls.await(name, timeout.multipliedBy(2), runAsync(commands, output, keys, arguments, timeout));
    }

    /** {@link #run} without waiting: the future fails with a {@link RedisCommandFailedException}. */
    <T> CompletableFuture<T> runAsync(RedisClusterAsyncCommands<String, String> commands, ScriptOutputType output,
                                      String[] keys, String[] arguments, Duration timeout) {
        String[] scriptKeys = keys == null ? NO_KEYS : keys;
        CompletableFuture<T> byDigest = RedisCalls.call(name, timeout, () -> commands.<T>evalsha(digest, output, scriptKeys, arguments));
        return byDigest.exceptionallyCompose(failure -> {
            if (RedisCalls.unwrapped(failure) instanceof RedisCommandFailedException e && e.isUnknownScript()) {
                return RedisCalls.call(name, timeout, () -> commands.<T>eval(source, output, scriptKeys, arguments));
            }
            return CompletableFuture.failedFuture(RedisCalls.unwrapped(failure));
        });
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
