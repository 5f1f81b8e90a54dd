package app.tax.analytics.bootstrap;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository itself (deploy/, docs/), found from the module the tests run in. */
public final class RepositoryFiles {
    private RepositoryFiles() {
    }

    /** The repository's root: the nearest folder above the working directory that holds {@code deploy/}. */
    public static Path root() {
        Path folder = Path.of("").toAbsolutePath();
        while (folder != null && !Files.isDirectory(folder.resolve("deploy"))) {
            folder = folder.getParent();
        }
        if (folder == null) {
            throw new IllegalStateException("no deploy/ folder above " + Path.of("").toAbsolutePath());
        }
        return folder;
    }
}
