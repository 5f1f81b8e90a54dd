-- Database users of the seed's section 6: the processor writes as analytics_writer (INSERT only), the
-- dashboard reads as analytics_reader (SELECT only). `analytics migrate` applies this file after the
-- migrations, in the configured database, only where the server has access control (a server whose
-- admin user may CREATE USER; chDB and servers without access_management answer ACCESS_DENIED, and the
-- file is then skipped), and only when both passwords are configured: ${ANALYTICS_WRITER_PASSWORD} and
-- ${ANALYTICS_READER_PASSWORD} are replaced by the environment variables of those names (quoted as SQL
-- strings, never logged). Unqualified table names mean the current database. Every statement is
-- idempotent, so the file runs on each migrate; ALTER USER keeps the password in step with the variables.
CREATE USER IF NOT EXISTS analytics_writer IDENTIFIED WITH sha256_password BY ${ANALYTICS_WRITER_PASSWORD};
ALTER USER analytics_writer IDENTIFIED WITH sha256_password BY ${ANALYTICS_WRITER_PASSWORD};
CREATE USER IF NOT EXISTS analytics_reader IDENTIFIED WITH sha256_password BY ${ANALYTICS_READER_PASSWORD};
ALTER USER analytics_reader IDENTIFIED WITH sha256_password BY ${ANALYTICS_READER_PASSWORD};
-- The writer inserts events and the identity links of their batches (V007); on 23.8 the inserting user also
-- needs INSERT on a materialized view's target table (sessions_mv pushes each insert into sessions with the
-- inserter's rights).
GRANT INSERT ON events TO analytics_writer;
GRANT INSERT ON sessions TO analytics_writer;
GRANT INSERT ON identities TO analytics_writer;
-- The processor also writes release markers (V008) as it meets new app versions.
GRANT INSERT ON annotations TO analytics_writer;
-- The reader reads every table of this database (`*` is the current database): events, sessions, and
-- dashboard_users for logins. Dashboard accounts live in that table and the dashboard manages them (first
-- admin, password changes, the admin's user pages), so the reader may also INSERT there, and nowhere else.
-- Erasure (ALTER ... DELETE on events and identities) stays with the admin user: run `analytics erase` with its account.
GRANT SELECT ON * TO analytics_reader;
GRANT INSERT ON dashboard_users TO analytics_reader;
-- API keys and shared links (V005) are created and revoked by the dashboard's admins the same way.
GRANT INSERT ON api_keys TO analytics_reader;
GRANT INSERT ON dashboard_shares TO analytics_reader;
-- Likewise the dashboard's own items (V008): notes, saved views, report schedules and what was last sent.
GRANT INSERT ON annotations TO analytics_reader;
GRANT INSERT ON saved_views TO analytics_reader;
GRANT INSERT ON report_schedules TO analytics_reader;
