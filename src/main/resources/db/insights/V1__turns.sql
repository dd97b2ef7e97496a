-- One row per turn. Portable SQL (SQLite and PostgreSQL): no auto-increment, times as epoch millis.
CREATE TABLE turns (
  at_ms      BIGINT        NOT NULL,
  place      VARCHAR(16)   NOT NULL,
  intent     VARCHAR(100),
  confidence DOUBLE PRECISION,
  outcome    VARCHAR(16)   NOT NULL,
  milestone  VARCHAR(16),
  step       INTEGER,
  member     VARCHAR(64)   NOT NULL,
  text       VARCHAR(4000)
);
CREATE INDEX turns_at ON turns (at_ms);
