-- /offramp review: questions staff have decided (an intent, none, or skip), so a later review
-- shows only new ones. The question is kept as a hash of its normalized text, never the text.
CREATE TABLE reviewed (
  text_key VARCHAR(64) NOT NULL,
  decision VARCHAR(100) NOT NULL,
  staff VARCHAR(64) NOT NULL,
  at_ms BIGINT NOT NULL
);
CREATE INDEX reviewed_key ON reviewed (text_key);
