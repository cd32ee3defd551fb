-- Changes from the shared folder that failed the column rules (src/db/rules.rs):
-- kept here with their origin and reason, never merged into a row. A newer
-- valid change to the same field removes its older set-aside ones.
CREATE TABLE sync_set_aside (
    tbl          TEXT NOT NULL,
    row_id       TEXT NOT NULL,
    col          TEXT,            -- NULL for a delete
    value        ANY,
    hlc          TEXT NOT NULL,
    device_id    TEXT NOT NULL,
    op           TEXT NOT NULL CHECK (op IN ('set', 'delete')),
    reason       TEXT NOT NULL,   -- a code the UI words (rules::Reason)
    params       TEXT NOT NULL DEFAULT '{}',  -- JSON object of the reason's parameters
    set_aside_at TEXT NOT NULL,
    PRIMARY KEY (device_id, hlc)
) STRICT;
CREATE INDEX sync_set_aside_field ON sync_set_aside (tbl, row_id, col, hlc);
