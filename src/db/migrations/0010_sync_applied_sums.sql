-- The body checksum of each segment applied, so a second version of the same
-- device and number (two computers under one id; a cloud drive that kept the
-- other's file) is applied too instead of being taken as already seen.
-- NULL for segments applied before this: they are not looked at again.
ALTER TABLE sync_applied ADD COLUMN blake3 TEXT;
