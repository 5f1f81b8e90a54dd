package app.tax.analytics.bootstrap.architecture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's Maven modules as built, found on disk rather than listed, so that a new module (say
 * another {@code adapters-*}) is checked by the architecture tests without editing them.
 */
final class BuiltModules {
    /** A Maven module folder with its compiled classes. */
    record BuiltModule(String folder, Path classes) {
        ModuleDescriptor descriptor() {
            try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
                return ModuleDescriptor.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean hasDescriptor() {
            return Files.isRegularFile(classes.resolve("module-info.class"));
        }

        boolean isAdapter() {
            return folder.startsWith("adapters-");
        }
    }

    private BuiltModules() {
    }

    /** The project root: the folder above bootstrap (surefire runs in the module's folder). */
    static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.isRegularFile(here.resolve("bootstrap/pom.xml")) ? here : here.getParent();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("domain"))) {
            throw new IllegalStateException("cannot find the project root from " + here);
        }
        return root;
    }

    /** Every folder with a pom.xml and main Java sources, with its target/classes. */
    static List<BuiltModule> all() {
        Path root = projectRoot();
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(Files::isDirectory)
                    .filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("src/main/java")))
                    .map(dir -> new BuiltModule(dir.getFileName().toString(), dir.resolve("target/classes")))
                    .sorted(java.util.Comparator.comparing(BuiltModule::folder))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiled class folders of the production modules (test-support is test code, not part of the service). */
    static List<Path> productionClassFolders() {
        return all().stream().filter(m -> !m.folder().equals("test-support")).map(BuiltModule::classes)
                .filter(Files::isDirectory).toList();
    }
}
