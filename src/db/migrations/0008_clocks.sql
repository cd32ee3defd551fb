-- Clocks (src/db/restamp.rs, src/sync/held.rs). A remote change stamped more
-- than 5 minutes ahead of this computer's clock is held here, not applied,
-- until this clock reaches it or its sender voids it (the sender's clock was
-- wrong and it re-issued the change with a fresh stamp).
CREATE TABLE sync_held (
    device_id TEXT NOT NULL,
    hlc       TEXT NOT NULL,
    tbl       TEXT NOT NULL,
    row_id    TEXT NOT NULL,
    col       TEXT,            -- NULL for a delete
    value     ANY,
    PRIMARY KEY (device_id, hlc)
) STRICT, WITHOUT ROWID;

-- What each other device's clock read when it last wrote its device.json,
-- against the time the folder gave that file: how far ahead (negative:
-- behind) its clock is, and when this computer saw that.
ALTER TABLE sync_devices ADD COLUMN clock_ahead_secs INTEGER;
ALTER TABLE sync_devices ADD COLUMN clock_seen_at TEXT;
