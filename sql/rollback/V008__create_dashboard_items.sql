-- Undoes V008: drops every note, release marker, saved view and report schedule.
DROP TABLE IF EXISTS annotations;
DROP TABLE IF EXISTS saved_views;
DROP TABLE IF EXISTS report_schedules;
