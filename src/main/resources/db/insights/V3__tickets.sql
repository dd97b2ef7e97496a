-- Tickets: one row per event (opened, first_response, claimed, closed, rated). Ids are salted
-- hashes, as in turns; no message text is kept for tickets.
CREATE TABLE ticket_events (
  at_ms BIGINT NOT NULL,
  ticket VARCHAR(64) NOT NULL,
  event VARCHAR(16) NOT NULL,
  place VARCHAR(16) NOT NULL,
  topic VARCHAR(64),
  member VARCHAR(64) NOT NULL,
  staff VARCHAR(64),
  seconds DOUBLE PRECISION,
  rating INTEGER,
  closed_by VARCHAR(16)
);
CREATE INDEX ticket_events_at ON ticket_events (at_ms);
