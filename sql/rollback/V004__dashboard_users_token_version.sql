-- Undoes V004: accounts lose their token versions (every token of the same e-mail works again until it expires).
ALTER TABLE dashboard_users DROP COLUMN IF EXISTS token_version;
