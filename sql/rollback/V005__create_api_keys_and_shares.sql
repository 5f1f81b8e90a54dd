-- Undoes V005: every API key and shared link is gone (keys answer 401, share links 404).
DROP TABLE IF EXISTS dashboard_shares;
DROP TABLE IF EXISTS api_keys;
