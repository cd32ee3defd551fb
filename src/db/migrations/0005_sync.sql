-- Team sync through a shared folder (src/sync/). The `changes` log becomes
-- the union of every device's changes: remote ones are kept with their own
-- stamps, so each field's winner (newest stamp) and its history are queries.

-- A change is identified by who made it and its clock stamp (the clock
-- never issues a stamp twice), which makes applying a segment idempotent.
DELETE FROM changes WHERE seq NOT IN (SELECT min(seq) FROM changes GROUP BY device_id, hlc);
CREATE UNIQUE INDEX changes_stamp ON changes (device_id, hlc);
-- A field's newest change; a row's deletes (col IS NULL) sort first.
DROP INDEX changes_row;
CREATE INDEX changes_field ON changes (tbl, row_id, col, hlc);

-- Which segments of which device this database has applied.
CREATE TABLE sync_applied (
    device_id TEXT NOT NULL,
    number    INTEGER NOT NULL,
    PRIMARY KEY (device_id, number)
) STRICT, WITHOUT ROWID;

-- What this device knows of the others in the folder (from their device.json).
CREATE TABLE sync_devices (
    device_id    TEXT PRIMARY KEY,
    name         TEXT NOT NULL DEFAULT '',
    user_name    TEXT NOT NULL DEFAULT '',
    last_number  INTEGER NOT NULL DEFAULT 0,   -- newest segment applied
    last_seen_at TEXT,                         -- when we last applied one
    -- A former id of this very database (it was put back from an old copy
    -- and carries on as a new device): its changes here are ours to send.
    own          INTEGER NOT NULL DEFAULT 0 CHECK (own IN (0, 1))
) STRICT;

-- Rows whose changes arrived before what they depend on (a photo before its
-- car): kept in `changes`, written to their table once the parent is here.
CREATE TABLE sync_pending (
    tbl    TEXT NOT NULL,
    row_id TEXT NOT NULL,
    PRIMARY KEY (tbl, row_id)
) STRICT, WITHOUT ROWID;

-- Photo originals a synced row names but the folder did not have yet.
CREATE TABLE sync_missing_blobs (
    hash   TEXT PRIMARY KEY,
    format TEXT NOT NULL
) STRICT;

-- Recent sync problems and notices, in plain words, for the Sync page.
CREATE TABLE sync_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    level   TEXT NOT NULL CHECK (level IN ('info', 'warning', 'error')),
    message TEXT NOT NULL
) STRICT;
