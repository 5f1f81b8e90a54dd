package app.tax.analytics.adapters.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The DDL files of the top-level sql/ folder, packaged in this module's jar under {@code sql/}. */
final class SqlScripts {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    private SqlScripts() {
    }

    /** The text of {@code sql/<relativePath>}. */
    static String read(String relativePath) {
        try (InputStream in = SqlScripts.class.getResourceAsStream("/sql/" + relativePath)) {
            if (in == null) {
                throw new IllegalStateException("sql/" + relativePath + " is missing from the adapters-clickhouse jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sql/" + relativePath, e);
        }
    }

    /**
     * The names of the {@code .sql} files directly in {@code sql/<folder>/}, sorted (so V001 before V002).
     * Read from wherever this class was loaded: a jar (this module's, or the one application jar) or a
     * classes folder in a build.
     */
    static List<String> list(String folder) {
        String prefix = "sql/" + folder + "/";
        List<String> names = new ArrayList<>();
        try {
            Path location = Path.of(SqlScripts.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                Path dir = location.resolve(prefix);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.list(dir)) {
                        files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).forEach(names::add);
                    }
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    jar.stream().map(JarEntry::getName)
                            .filter(n -> n.startsWith(prefix) && n.endsWith(".sql") && n.indexOf('/', prefix.length()) < 0)
                            .map(n -> n.substring(prefix.length()))
                            .forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + prefix, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the adapters-clickhouse classes", e);
        }
        names.sort(null);
        return names;
    }

    /**
     * The statements of a script: split at semicolons outside quotes, {@code --} comments dropped, blank
     * statements skipped.
     */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (quote != 0) {
                current.append(c);
                if (c == '\\' && i + 1 < script.length()) {
                    current.append(script.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                current.append(c);
            } else if (c == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
                while (i < script.length() && script.charAt(i) != '\n') {
                    i++;
                }
                current.append('\n');
            } else if (c == ';') {
                addIfNotBlank(statements, current);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        addIfNotBlank(statements, current);
        return statements;
    }

    private static void addIfNotBlank(List<String> statements, StringBuilder statement) {
        String text = statement.toString().strip();
        if (!text.isEmpty()) {
            statements.add(text);
        }
    }

    /** The names of the {@code ${NAME}} placeholders in a script, in order of appearance. */
    static List<String> placeholders(String script) {
        List<String> names = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(script);
        while (matcher.find()) {
            if (!names.contains(matcher.group(1))) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /** Replaces each {@code ${NAME}} by {@code render(values.get(NAME))}. */
    static String substitute(String script, Map<String, String> values, Function<String, String> render) {
        Matcher matcher = PLACEHOLDER.matcher(script);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for ${" + matcher.group(1) + "}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(render.apply(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** A ClickHouse string literal. */
    static String quoted(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
