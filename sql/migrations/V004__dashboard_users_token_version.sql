-- V004: a token version per dashboard account. Sign-in tokens carry the version they were issued at; a
--   password change writes a new version, and a new account gets a random one, so tokens issued before a
--   change, or to an earlier account with the same e-mail, stop working. Rows written before this
--   migration read as version 0, as do tokens issued before it.
ALTER TABLE dashboard_users ADD COLUMN IF NOT EXISTS token_version Int64 DEFAULT 0 AFTER created_at;
