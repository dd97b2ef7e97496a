-- The walk-through's platform (for a funnel per platform) and whether the turn called staff.
ALTER TABLE turns ADD COLUMN slot VARCHAR(32);
ALTER TABLE turns ADD COLUMN staff INTEGER NOT NULL DEFAULT 0;
CREATE INDEX turns_outcome ON turns (outcome, at_ms);
