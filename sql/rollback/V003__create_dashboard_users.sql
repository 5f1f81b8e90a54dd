-- Undoes V003: drops every dashboard account.
DROP TABLE IF EXISTS dashboard_users;
