-- Condition reports (성능·상태점검): dated, per vehicle; the latest is current.
CREATE TABLE condition_reports (
    id             TEXT PRIMARY KEY,
    vehicle_id     TEXT NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    inspected_on   TEXT NOT NULL,
    inspector      TEXT NOT NULL DEFAULT '',
    odometer_km    INTEGER NOT NULL CHECK (odometer_km >= 0),
    odometer_state TEXT NOT NULL CHECK (odometer_state IN ('good', 'faulty')),
    vin_check      TEXT NOT NULL CHECK (vin_check IN ('good', 'different', 'corroded', 'damaged', 'altered', 'painted_over')),
    tuning         TEXT NOT NULL CHECK (tuning IN ('none', 'legal', 'illegal')),
    flood          TEXT NOT NULL CHECK (flood IN ('none', 'partial', 'total')),
    fire           INTEGER NOT NULL CHECK (fire IN (0, 1)),
    use_history    TEXT NOT NULL CHECK (use_history IN ('none', 'rental', 'business')),
    color_changed  INTEGER NOT NULL CHECK (color_changed IN (0, 1)),
    recall         TEXT NOT NULL CHECK (recall IN ('none', 'pending', 'done')),
    comment        TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;
CREATE INDEX condition_reports_by_vehicle ON condition_reports (vehicle_id, inspected_on, created_at);

-- One row per marked panel. The id is `<report id>/<panel>`, so two devices
-- marking the same panel edit one row (merged field by field), never two.
CREATE TABLE condition_panels (
    id        TEXT PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES condition_reports (id) ON DELETE CASCADE,
    panel     TEXT NOT NULL,
    marks     TEXT NOT NULL DEFAULT '',  -- letters, e.g. 'XA'
    paint_um  INTEGER CHECK (paint_um IS NULL OR paint_um BETWEEN 0 AND 5000),
    note      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX condition_panels_by_report ON condition_panels (report_id);

-- Mechanical items, tyres and consumables: `<report id>/<key>` as above.
CREATE TABLE condition_items (
    id        TEXT PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES condition_reports (id) ON DELETE CASCADE,
    key       TEXT NOT NULL,
    value     TEXT NOT NULL
) STRICT;
CREATE INDEX condition_items_by_report ON condition_items (report_id);

-- A photo may show one panel or inspection item of the report ("scratch on
-- the left front door"): a panel key (`front_door_l`) or an item key
-- (`engine.oil_leak`, `tyre.fl`), NULL when it shows the car in general.
ALTER TABLE photos ADD COLUMN part TEXT;
