package app.tax.analytics.adapters.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The DuckDB store a contract test runs on, in a temporary folder of its own: opened when first asked for,
 * {@link #renew renewed} when the contract wants an empty store, closed and deleted after the class's tests.
 * Register it on a static field with {@code @RegisterExtension}.
 */
final class DuckDbUnderTest implements BeforeAllCallback, AfterAllCallback {
    private Path dataDirs;
    private DuckDbStore store;
    private int generation;

    DuckDbStore store() {
        if (store == null) {
            renew();
        }
        return store;
    }

    /** A new, empty database file: the cheapest way to an empty store, and it exercises schema creation. */
    void renew() {
        closeStore();
        store = EmbeddedAdapters.openDuckDb(dataDirs.resolve("generation-" + generation++));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDirs = Files.createTempDirectory("duckdb-contract-");
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        closeStore();
        try (Stream<Path> files = Files.walk(dataDirs)) {
            files.sorted(Comparator.reverseOrder()).forEach(DuckDbUnderTest::delete);
        }
    }

    private void closeStore() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
