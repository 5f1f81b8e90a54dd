package app.tax.analytics.bootstrap.wiring;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * First-run secrets of the embedded default: a write key and a token-signing key, generated once and
 * kept (owner-readable only) under {@code DATA_DIR}, so a newcomer needs no configuration at all.
 */
public final class FirstRun {
    static final String WRITE_KEY_FILE = "write-keys";
    static final String JWT_SECRET_FILE = "jwt-secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    private FirstRun() {
    }

    /**
     * The write keys to use: the configured ones, else those saved by an earlier run, else a new
     * {@code default:<key>} that is saved and reported as {@link WriteKeySetting#generatedKey()} (shown once).
     */
    public static WriteKeySetting writeKeys(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return new WriteKeySetting(configured, null);
        }
        Path file = dataDir.resolve(WRITE_KEY_FILE);
        String key = randomHex(16);
        boolean generated = createSecretFile(file, "default:" + key);
        return new WriteKeySetting(read(file), generated ? key : null);
    }

    /** @param generatedKey the key generated on this run, or null */
    public record WriteKeySetting(String allowedWriteKeys, String generatedKey) {
        /** Prints the new key once, with a request that uses it. */
        public void announce(PrintStream out, int collectorPort, Path dataDir) {
            if (generatedKey == null) {
                return;
            }
            out.println();
            out.println("  Generated a write key for source 'default' (saved in " + dataDir.resolve(WRITE_KEY_FILE) + "):");
            out.println("      " + generatedKey);
            out.println("  Send an event with it as the Basic auth user name:");
            out.println("      curl -u " + generatedKey + ": -H 'Content-Type: application/json' \\");
            out.println("           -d '{\"type\":\"track\",\"event\":\"Signed Up\",\"userId\":\"u1\"}' http://localhost:" + collectorPort + "/v1/track");
            out.println();
        }
    }

    /** A saved or new random signing key for dashboard tokens. */
    public static byte[] jwtSecret(Path dataDir) {
        Path file = dataDir.resolve(JWT_SECRET_FILE);
        createSecretFile(file, randomHex(32));
        return read(file).getBytes(StandardCharsets.UTF_8);
    }

    private static boolean createSecretFile(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path created;
            try {
                created = Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException noPosix) {
                created = Files.createFile(file);
            }
            Files.writeString(created, content + "\n", StandardCharsets.UTF_8);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
