-- The photo at the team's shared size (src/photos/shared.rs): the blake3 of
-- the one JPEG the shared folder carries in place of the camera original
-- (1920 px long edge, upright, no metadata), written by the computer that
-- imported the photo and never changed after. `hash` still names the
-- original, which stays on that computer and in its backups; a colleague
-- holds the shared-size file instead and makes every other size from it.
-- NULL for photos imported before this column (their originals are shared).
ALTER TABLE photos ADD COLUMN shared_hash TEXT CHECK (shared_hash IS NULL OR length(shared_hash) = 64);
