-- Lotbook schema, version 1.
-- User-data tables carry a TEXT UUIDv7 `id` and are listed in
-- db::capture::CAPTURED_TABLES: their change-capture triggers are generated
-- from this schema after every migration, so a column added later is
-- captured without anyone remembering to.

-- This device's own settings (device id, "me", last backup). Never synced.
CREATE TABLE local_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Field-level change log: one row per column written, one per delete.
-- The sync issue ships these to the shared folder.
CREATE TABLE changes (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl       TEXT NOT NULL,
    row_id    TEXT NOT NULL,
    col       TEXT,            -- NULL for a delete
    value     ANY,
    hlc       TEXT NOT NULL,   -- hybrid logical clock, 16 hex digits, sorts as time
    device_id TEXT NOT NULL,
    op        TEXT NOT NULL CHECK (op IN ('set', 'delete')),
    CHECK ((op = 'set') = (col IS NOT NULL))
) STRICT;
CREATE INDEX changes_row ON changes (tbl, row_id);

-- A deleted row stays deleted: sync must not resurrect it from an older change.
CREATE TABLE tombstones (
    tbl        TEXT NOT NULL,
    row_id     TEXT NOT NULL,
    hlc        TEXT NOT NULL,
    device_id  TEXT NOT NULL,
    PRIMARY KEY (tbl, row_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE users (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL CHECK (name <> ''),
    email      TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE lots (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL CHECK (name <> ''),
    address    TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE vehicles (
    -- Local row number: stable key of the search index (a plain rowid may
    -- change on VACUUM). Never synced, not captured.
    rid                INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    make               TEXT NOT NULL,
    model              TEXT NOT NULL CHECK (model <> ''),
    trim               TEXT NOT NULL DEFAULT '',
    year               INTEGER NOT NULL,
    first_registration TEXT,
    plate              TEXT NOT NULL DEFAULT '',
    vin                TEXT NOT NULL DEFAULT '',
    odometer_km        INTEGER NOT NULL CHECK (odometer_km >= 0),
    fuel               TEXT NOT NULL CHECK (fuel IN ('gasoline', 'diesel', 'lpg', 'hybrid', 'electric', 'other')),
    transmission       TEXT NOT NULL CHECK (transmission IN ('auto', 'manual', 'semi_auto', 'cvt', 'other')),
    color              TEXT NOT NULL DEFAULT '',
    price_krw          INTEGER NOT NULL CHECK (price_krw >= 0),
    lot_id             TEXT NOT NULL REFERENCES lots (id) ON DELETE RESTRICT,
    status             TEXT NOT NULL CHECK (status IN ('in_stock', 'reserved', 'sold', 'withdrawn')),
    stock_date         TEXT NOT NULL,
    notes              TEXT NOT NULL DEFAULT '',
    tags               TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;
-- The inventory list. Each index starts with what a filter fixes (nothing,
-- status, lot + status, model), continues in list order (newest stock first,
-- then newest row) and carries every other filter column, so a page streams
-- in order and a count never reads the wide rows.
CREATE INDEX vehicles_list ON vehicles
    (stock_date DESC, rid DESC, status, lot_id, model, year, price_krw, odometer_km);
CREATE INDEX vehicles_by_status ON vehicles
    (status, stock_date DESC, rid DESC, lot_id, model, year, price_krw, odometer_km);
CREATE INDEX vehicles_by_lot ON vehicles
    (lot_id, status, stock_date DESC, rid DESC, model, year, price_krw, odometer_km);
CREATE INDEX vehicles_by_model ON vehicles
    (model, stock_date DESC, rid DESC, status, lot_id, year, price_krw, odometer_km);
-- Duplicate checks on save look these up.
CREATE INDEX vehicles_vin ON vehicles (vin) WHERE vin <> '';
CREATE INDEX vehicles_plate ON vehicles (plate) WHERE plate <> '';

CREATE TABLE customers (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL CHECK (name <> ''),
    phone               TEXT NOT NULL DEFAULT '',
    email               TEXT NOT NULL DEFAULT '',
    region              TEXT NOT NULL DEFAULT '',
    source              TEXT NOT NULL CHECK (source IN ('blog', 'referral', 'walk_in', 'listing_site', 'repeat', 'phone', 'other')),
    current_car         TEXT NOT NULL DEFAULT '',
    trade_in            INTEGER NOT NULL DEFAULT 0 CHECK (trade_in IN (0, 1)),
    want_models         TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
    want_year_min       INTEGER,
    want_year_max       INTEGER,
    want_budget_max_krw INTEGER CHECK (want_budget_max_krw >= 0),
    want_mileage_max_km INTEGER CHECK (want_mileage_max_km >= 0),
    want_fuel           TEXT CHECK (want_fuel IN ('gasoline', 'diesel', 'lpg', 'hybrid', 'electric', 'other')),
    want_color          TEXT NOT NULL DEFAULT '',
    assigned_user_id    TEXT REFERENCES users (id) ON DELETE SET NULL,
    notes               TEXT NOT NULL DEFAULT '',
    consent_contact     INTEGER NOT NULL DEFAULT 0 CHECK (consent_contact IN (0, 1)),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
) STRICT;
CREATE INDEX customers_assigned ON customers (assigned_user_id);
CREATE INDEX customers_name ON customers (name);

-- Search over everything a dealer types into the search box, Korean
-- included. Terms of 3+ characters match anywhere (trigram index: "SM5"
-- finds SM520); shorter terms match the start of a word (word index with
-- prefixes: "월평" finds 월평동, "K5" finds K5). Both are keyed by vehicles.rid.
CREATE VIRTUAL TABLE vehicle_search USING fts5 (
    body,
    tokenize = 'trigram'
);
CREATE VIRTUAL TABLE vehicle_words USING fts5 (
    body,
    tokenize = 'unicode61',
    prefix = '1 2',
    content = '',
    contentless_delete = 1
);

CREATE VIEW vehicle_search_body AS
SELECT v.rid AS rid,
       lower(concat_ws(' ', v.make, v.model, v.trim, v.year, v.plate, v.vin, v.color,
           CASE v.fuel WHEN 'gasoline' THEN '가솔린 휘발유' WHEN 'diesel' THEN '디젤 경유'
                       WHEN 'lpg' THEN 'LPG' WHEN 'hybrid' THEN '하이브리드'
                       WHEN 'electric' THEN '전기' ELSE '' END,
           CASE v.transmission WHEN 'auto' THEN '오토 자동' WHEN 'manual' THEN '수동' ELSE '' END,
           l.name, v.notes, v.tags)) AS body
FROM vehicles v JOIN lots l ON l.id = v.lot_id;

CREATE TRIGGER vehicle_search_ai AFTER INSERT ON vehicles BEGIN
    INSERT INTO vehicle_search (rowid, body) SELECT rid, body FROM vehicle_search_body WHERE rid = NEW.rid;
    INSERT INTO vehicle_words (rowid, body) SELECT rid, body FROM vehicle_search_body WHERE rid = NEW.rid;
END;
CREATE TRIGGER vehicle_search_au AFTER UPDATE ON vehicles BEGIN
    DELETE FROM vehicle_search WHERE rowid = OLD.rid;
    DELETE FROM vehicle_words WHERE rowid = OLD.rid;
    INSERT INTO vehicle_search (rowid, body) SELECT rid, body FROM vehicle_search_body WHERE rid = NEW.rid;
    INSERT INTO vehicle_words (rowid, body) SELECT rid, body FROM vehicle_search_body WHERE rid = NEW.rid;
END;
CREATE TRIGGER vehicle_search_ad AFTER DELETE ON vehicles BEGIN
    DELETE FROM vehicle_search WHERE rowid = OLD.rid;
    DELETE FROM vehicle_words WHERE rowid = OLD.rid;
END;
CREATE TRIGGER vehicle_search_lot_au AFTER UPDATE OF name ON lots BEGIN
    DELETE FROM vehicle_search WHERE rowid IN (SELECT rid FROM vehicles WHERE lot_id = NEW.id);
    DELETE FROM vehicle_words WHERE rowid IN (SELECT rid FROM vehicles WHERE lot_id = NEW.id);
    INSERT INTO vehicle_search (rowid, body)
    SELECT b.rid, b.body FROM vehicles v JOIN vehicle_search_body b ON b.rid = v.rid WHERE v.lot_id = NEW.id;
    INSERT INTO vehicle_words (rowid, body)
    SELECT b.rid, b.body FROM vehicles v JOIN vehicle_search_body b ON b.rid = v.rid WHERE v.lot_id = NEW.id;
END;
