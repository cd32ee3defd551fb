-- The VINs and ranges a recall's file listed (one a line, `FROM~TO` for a
-- range), so a car registered after the file came is matched too. Synced.
ALTER TABLE recalls ADD COLUMN vins TEXT NOT NULL DEFAULT '';
