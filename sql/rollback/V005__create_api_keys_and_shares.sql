-- Undoes V005: every API key and shared link is gone (keys answer 401, share links 404), and viewers lose
--   their small-count limits.
DROP TABLE IF EXISTS dashboard_shares;
DROP TABLE IF EXISTS api_keys;
ALTER TABLE dashboard_users DROP COLUMN IF EXISTS min_visitors;
