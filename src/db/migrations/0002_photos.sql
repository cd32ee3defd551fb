-- Photos of vehicles. The files live beside the database, named by the
-- blake3 of the original's bytes (see src/photos/library.rs); a row is only
-- written once its files are safely on disk.
CREATE TABLE photos (
    id            TEXT PRIMARY KEY,
    vehicle_id    TEXT NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    hash          TEXT NOT NULL CHECK (length(hash) = 64),
    format        TEXT NOT NULL CHECK (format IN ('jpeg', 'png', 'heic')),
    width         INTEGER NOT NULL CHECK (width > 0),
    height        INTEGER NOT NULL CHECK (height > 0),
    bytes         INTEGER NOT NULL CHECK (bytes > 0),
    original_name TEXT NOT NULL DEFAULT '',
    -- Gallery order; the lowest is the cover. Gaps are fine (deletes leave them).
    position      INTEGER NOT NULL DEFAULT 0,
    caption       TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

-- A vehicle's gallery in order, and its cover (the first entry) for the list.
CREATE INDEX photos_by_vehicle ON photos (vehicle_id, position, id, hash);
-- Is this original still used (and by which vehicles)?
CREATE INDEX photos_by_hash ON photos (hash);
