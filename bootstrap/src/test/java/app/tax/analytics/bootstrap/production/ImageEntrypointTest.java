package app.tax.analytics.bootstrap.production;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.bootstrap.RepositoryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/entrypoint.sh, the image's ENTRYPOINT, run as the image runs it with a {@code java} on the PATH that
 * records its arguments: the heap it picks for each role, JAVA_OPTS replacing that choice, and the role's own
 * arguments passed through unchanged (healthcheck.sh reads them from the process). The image itself needs a
 * Docker engine, which the test machines do not have.
 */
class ImageEntrypointTest {
    private static final Path SCRIPT = RepositoryFiles.root().resolve("deploy/entrypoint.sh");
    private static final String JAR = "/opt/analytics/analytics.jar";

    @TempDir
    Path bin;

    @Test
    void allGetsAFixedHeapSinceDuckDbsMemoryIsOutsideIt() throws Exception {
        assertThat(javaArguments(Map.of(), "all", "--collector-port=3000"))
                .containsExactly("-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-jar", JAR, "all", "--collector-port=3000");
    }

    @Test
    void theOtherRolesTakeAShareOfTheContainersMemory() throws Exception {
        for (String role : List.of("collector", "processor", "dashboard", "migrate")) {
            assertThat(javaArguments(Map.of(), role)).as(role)
                    .containsExactly("-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError", "-jar", JAR, role);
        }
    }

    @Test
    void javaOptsReplaceTheHeapChoice() throws Exception {
        assertThat(javaArguments(Map.of("JAVA_OPTS", "-Xmx1g -Dfile.encoding=UTF-8"), "all"))
                .containsExactly("-Xmx1g", "-Dfile.encoding=UTF-8", "-XX:+ExitOnOutOfMemoryError", "-jar", JAR, "all");
    }

    @Test
    void theRolesArgumentsPassThroughUnchanged() throws Exception {
        assertThat(javaArguments(Map.of(), "users", "add", "--email=a@tax.app", "--name=Ann  Lee", "*"))
                .endsWith(JAR, "users", "add", "--email=a@tax.app", "--name=Ann  Lee", "*");
    }

    /** The arguments the script starts {@code java} with, one per line as the stand-in wrote them. */
    private List<String> javaArguments(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        Path recorded = bin.resolve("arguments");
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > '" + recorded + "'\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.deleteIfExists(recorded);
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("ANALYTICS_JAR");
        builder.environment().putAll(environment);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("the script ends").isTrue();
        assertThat(process.exitValue()).as("exit status; output: " + output).isZero();
        return Files.readAllLines(recorded, StandardCharsets.UTF_8);
    }
}
