-- Manufacturers' recall and service campaigns read from their files, and
-- each matching car's own record of it. Both synced.

-- One recall as the maker's file gives it. The id is made from the maker
-- and the code, so the same file imported on two computers is one row.
CREATE TABLE recalls (
    id          TEXT PRIMARY KEY,
    maker       TEXT NOT NULL DEFAULT '',
    code        TEXT NOT NULL CHECK (code <> ''),   -- the maker's campaign code
    title       TEXT NOT NULL DEFAULT '',
    remedy      TEXT NOT NULL DEFAULT '',
    deadline    TEXT,                               -- YYYY-MM-DD
    -- The campaign that tells the owners of sold cars (made on demand).
    campaign_id TEXT REFERENCES campaigns (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- A car the recall concerns: open until the work is done or the recall is
-- found not to apply. `<recall id>/<vehicle id>`.
CREATE TABLE vehicle_recalls (
    id         TEXT PRIMARY KEY,
    recall_id  TEXT NOT NULL REFERENCES recalls (id) ON DELETE CASCADE,
    vehicle_id TEXT NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    state      TEXT NOT NULL CHECK (state IN ('open', 'done', 'not_applicable')),
    done_on    TEXT,                                -- YYYY-MM-DD
    done_by    TEXT NOT NULL DEFAULT '',
    reason     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX vehicle_recalls_by_vehicle ON vehicle_recalls (vehicle_id, state);
CREATE INDEX vehicle_recalls_by_recall ON vehicle_recalls (recall_id);
