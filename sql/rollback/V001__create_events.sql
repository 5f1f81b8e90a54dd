-- Undoes V001: drops the events table and every event in it.
DROP TABLE IF EXISTS events;
