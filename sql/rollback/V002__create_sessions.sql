-- Undoes V002: the view first, so no insert into events feeds a dropped table.
DROP VIEW IF EXISTS sessions_mv;
DROP TABLE IF EXISTS sessions;
