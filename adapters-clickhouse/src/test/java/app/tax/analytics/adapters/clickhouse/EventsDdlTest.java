package app.tax.analytics.adapters.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.querymodel.EventField;
import app.tax.analytics.querymodel.EventFields;
import app.tax.analytics.querymodel.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The {@code events} DDL of both layouts declares exactly the query model's fields, in order, with fitting types. */
class EventsDdlTest {
    private static final Pattern COLUMN = Pattern.compile("^\\s+([a-z_]+)\\s+(\\S.*?),?$");
    /** Filled in by the server, never written by the store. */
    private static final List<String> SERVER_COLUMNS = List.of("inserted_at", "keep_rank");

    private record Column(String name, String type) {
    }

    /** A column a later migration adds to an existing events table. */
    private static final Pattern ADDED_COLUMN = Pattern.compile("^\\s+ADD COLUMN IF NOT EXISTS ([a-z_]+)\\s+(\\S.*?) AFTER [a-z_]+,?;?$");

    @Test
    void singleServerAndClusterTablesDeclareTheEventFields() {
        List<Column> single = columns(SqlScripts.read("migrations/V001__create_events.sql"), "CREATE TABLE IF NOT EXISTS events");
        List<Column> cluster = columns(SqlScripts.read("cluster/init-cluster.sql"), "CREATE TABLE IF NOT EXISTS ${DATABASE}.events_local");
        single.addAll(addedColumns(SqlScripts.read("migrations/V006__mobile_event_columns.sql"), "ALTER TABLE events"));
        cluster.addAll(addedColumns(SqlScripts.read("cluster/V006__mobile_event_columns.sql"), "ALTER TABLE ${DATABASE}.events_local"));
        assertMatchesTheFields(single);
        assertMatchesTheFields(cluster);
    }

    @Test
    void theDistributedClusterTableGetsTheSameAddedColumns() {
        String script = SqlScripts.read("cluster/V006__mobile_event_columns.sql");
        assertThat(addedColumns(script, "ALTER TABLE ${DATABASE}.events ")).isEqualTo(addedColumns(script, "ALTER TABLE ${DATABASE}.events_local"));
    }

    /** The columns an {@code ALTER TABLE} statement starting with {@code alter} adds, in order (appended after V001's). */
    private static List<Column> addedColumns(String script, String alter) {
        int start = script.indexOf(alter);
        assertThat(start).as(alter).isNotNegative();
        List<Column> columns = new ArrayList<>();
        for (String line : script.substring(start + alter.length()).split("\n")) {
            Matcher column = ADDED_COLUMN.matcher(line);
            if (column.matches()) {
                columns.add(new Column(column.group(1), column.group(2)));
            }
            if (line.endsWith(";")) {
                break;
            }
        }
        assertThat(columns).as(alter).isNotEmpty();
        return columns;
    }

    private static void assertMatchesTheFields(List<Column> columns) {
        assertThat(columns).extracting(Column::name).containsExactlyElementsOf(EventFields.names());
        for (int i = 0; i < columns.size(); i++) {
            EventField field = EventFields.ALL.get(i);
            String type = columns.get(i).type();
            switch (field.type()) {
                case TEXT -> assertThat(type).as(field.name()).contains("String").doesNotContain("DateTime");
                case TIME -> assertThat(type).as(field.name()).contains("DateTime64(3, 'UTC')");
                case BOOLEAN -> assertThat(type).as(field.name()).startsWith("Bool");
                case JSON -> assertThat(type).as(field.name()).startsWith("String").doesNotContain("Nullable");
            }
            if (field.type() == FieldType.TIME && !field.required()) {
                assertThat(type).as(field.name()).contains("Nullable");
            }
        }
    }

    /** The column definitions of the table created by {@code create}, up to its closing parenthesis. */
    private static List<Column> columns(String script, String create) {
        int start = script.indexOf(create);
        assertThat(start).as(create).isNotNegative();
        List<Column> columns = new ArrayList<>();
        boolean inside = false;
        for (String line : script.substring(start).split("\n")) {
            if (line.startsWith("(")) {
                inside = true;
            } else if (line.startsWith(")")) {
                break;
            } else if (inside) {
                Matcher column = COLUMN.matcher(line);
                if (column.matches() && !SERVER_COLUMNS.contains(column.group(1))) {
                    columns.add(new Column(column.group(1), column.group(2)));
                }
            }
        }
        return columns;
    }
}
