-- Visits and blocked time (the calendar), sales, their follow-ups, and
-- recall/service campaigns with who was told. All synced.

-- A booking of a dealer's time: a customer's visit, or time kept free
-- ("keep Saturday afternoon free"). Times are RFC 3339 UTC.
CREATE TABLE visits (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('visit', 'blocked')),
    customer_id TEXT REFERENCES customers (id) ON DELETE CASCADE,
    user_id     TEXT REFERENCES users (id) ON DELETE SET NULL,   -- the dealer
    start_at    TEXT NOT NULL,
    minutes     INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 1440),
    lot_ids     TEXT NOT NULL DEFAULT '[]',       -- JSON list of lots to visit, in order
    vehicle_ids TEXT NOT NULL DEFAULT '[]',       -- JSON list of cars to show
    status      TEXT NOT NULL CHECK (status IN ('booked', 'late', 'arrived', 'done', 'no_show', 'cancelled')),
    note        TEXT NOT NULL DEFAULT '',
    -- Booked over a conflict on purpose: not shown as one to resolve.
    overridden  INTEGER NOT NULL DEFAULT 0 CHECK (overridden IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK ((kind = 'visit') = (customer_id IS NOT NULL))
) STRICT;
CREATE INDEX visits_by_dealer ON visits (user_id, start_at);
CREATE INDEX visits_by_start ON visits (start_at);

-- A car sold to a customer.
CREATE TABLE sales (
    id           TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    vehicle_id   TEXT NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    price_krw    INTEGER NOT NULL CHECK (price_krw >= 0),
    delivered_on TEXT NOT NULL,                  -- YYYY-MM-DD, Korea time
    user_id      TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX sales_by_vehicle ON sales (vehicle_id);
CREATE INDEX sales_by_customer ON sales (customer_id);

-- After-sale care: the day-3 thank-you, the 1M call, 6 months, 1 year.
-- `<sale id>/<step>`: the same step made on two devices is one row.
CREATE TABLE follow_ups (
    id            TEXT PRIMARY KEY,
    sale_id       TEXT NOT NULL REFERENCES sales (id) ON DELETE CASCADE,
    step          TEXT NOT NULL,                 -- '3d', '1m', '6m', '1y', …
    due_on        TEXT NOT NULL,                 -- YYYY-MM-DD
    snoozed_until TEXT,                          -- YYYY-MM-DD
    state         TEXT NOT NULL CHECK (state IN ('open', 'done', 'skipped')),
    note          TEXT NOT NULL DEFAULT '',
    closed_at     TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX follow_ups_due ON follow_ups (state, due_on);

-- A recall or service campaign: which sold cars, and the notice.
CREATE TABLE campaigns (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL CHECK (title <> ''),
    code       TEXT NOT NULL DEFAULT '',          -- the maker's campaign code
    filter     TEXT NOT NULL,                     -- JSON CampaignFilter
    lang       TEXT NOT NULL CHECK (lang IN ('ko', 'en')),
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,                     -- template, autoescaped
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- Who a campaign told, when, and who it could not reach.
-- `<campaign id>/<sale id>`.
CREATE TABLE campaign_recipients (
    id          TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    sale_id     TEXT NOT NULL REFERENCES sales (id) ON DELETE CASCADE,
    state       TEXT NOT NULL CHECK (state IN ('queued', 'no_email', 'failed')),
    send_id     TEXT,                             -- mail_sends row (its state says sent/bounced)
    detail      TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL
) STRICT;
CREATE INDEX campaign_recipients_by_campaign ON campaign_recipients (campaign_id);
