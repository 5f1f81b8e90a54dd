package app.tax.analytics.adapters.embedded;

import java.util.List;

/**
 * The dashboard's own small tables in the DuckDB file (annotations, saved views, report schedules; their ClickHouse
 * twins are sql/migrations/V008), one row per item keyed by its id; their stores read and write through {@link DuckDbRows}.
 */
final class DuckDbBoardTables {
    static final List<String> CREATE_TABLES = List.of("""
            CREATE TABLE IF NOT EXISTS annotations (
              id VARCHAR PRIMARY KEY,
              source VARCHAR NOT NULL,
              occurred_at TIMESTAMP NOT NULL,
              kind VARCHAR NOT NULL,
              text VARCHAR NOT NULL,
              created_by VARCHAR NOT NULL
            )""", """
            CREATE TABLE IF NOT EXISTS saved_views (
              id VARCHAR PRIMARY KEY,
              source VARCHAR NOT NULL,
              kind VARCHAR NOT NULL,
              name VARCHAR NOT NULL,
              filters VARCHAR NOT NULL,
              steps JSON NOT NULL,
              window_minutes BIGINT NOT NULL,
              created_by VARCHAR NOT NULL,
              created_at TIMESTAMP NOT NULL
            )""", """
            CREATE TABLE IF NOT EXISTS report_schedules (
              id VARCHAR PRIMARY KEY,
              source VARCHAR NOT NULL,
              period VARCHAR NOT NULL,
              recipients JSON NOT NULL,
              created_by VARCHAR NOT NULL,
              created_at TIMESTAMP NOT NULL,
              last_sent VARCHAR NOT NULL
            )""");
    /** What their stores read, for the errors of {@link DuckDbRows#select}. */
    static final String ITEMS = "the dashboard's items";

    private DuckDbBoardTables() {
    }
}
