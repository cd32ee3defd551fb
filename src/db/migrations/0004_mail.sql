-- The customer log, shortlists, what was sent, and this device's outbox.

-- Team-wide settings that travel by sync (mail templates, the reply
-- deadline). The key is the id, so two devices editing one setting edit one
-- row. Device-only settings (the SMTP account) live in local_meta.
CREATE TABLE settings (
    id         TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- Everything that passed between the dealer and a customer: inquiries in,
-- replies, calls and emails out, visits, handovers, notes.
CREATE TABLE interactions (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('inquiry', 'reply', 'call', 'email', 'visit', 'handover', 'note')),
    channel     TEXT NOT NULL CHECK (channel IN ('phone', 'email', 'sms', 'messenger', 'web', 'walk_in', 'other')),
    at          TEXT NOT NULL,                 -- RFC 3339 UTC, when it happened
    summary     TEXT NOT NULL DEFAULT '',
    user_id     TEXT REFERENCES users (id) ON DELETE SET NULL,
    send_id     TEXT,                          -- the mail_sends row of an email
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX interactions_by_customer ON interactions (customer_id, at);
CREATE INDEX interactions_inquiries ON interactions (kind, at) WHERE kind = 'inquiry';

-- A set of vehicles chosen for one customer.
CREATE TABLE shortlists (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    title       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX shortlists_by_customer ON shortlists (customer_id, updated_at);

-- `<shortlist id>/<vehicle id>`: adding the same car on two devices is one row.
CREATE TABLE shortlist_items (
    id           TEXT PRIMARY KEY,
    shortlist_id TEXT NOT NULL REFERENCES shortlists (id) ON DELETE CASCADE,
    vehicle_id   TEXT NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL DEFAULT 0,
    photo_ids    TEXT,                         -- JSON list the dealer chose; NULL = the default choice
    note         TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX shortlist_items_by_list ON shortlist_items (shortlist_id, position);

-- Every email made for a customer, whichever way it left: what was in it.
CREATE TABLE mail_sends (
    id           TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    shortlist_id TEXT REFERENCES shortlists (id) ON DELETE SET NULL,
    output       TEXT NOT NULL CHECK (output IN ('eml', 'smtp', 'export')),
    state        TEXT NOT NULL CHECK (state IN ('saved', 'queued', 'sent', 'failed')),
    to_addr      TEXT NOT NULL,
    subject      TEXT NOT NULL,
    lang         TEXT NOT NULL CHECK (lang IN ('ko', 'en')),
    contents     TEXT NOT NULL,                -- JSON: [{vehicle_id, photo_ids}]
    bytes        INTEGER NOT NULL CHECK (bytes >= 0),
    message_id   TEXT NOT NULL,
    detail       TEXT NOT NULL DEFAULT '',     -- the file saved, or why sending failed
    user_id      TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX mail_sends_by_customer ON mail_sends (customer_id, created_at);

-- This device's queue of messages to send (never synced: each device sends
-- its own). The message itself is a file under mail/outbox/, written before
-- the row; a row in state 'sending' after a crash is tried again.
CREATE TABLE outbox (
    id              TEXT PRIMARY KEY REFERENCES mail_sends (id) ON DELETE CASCADE,
    file            TEXT NOT NULL,             -- relative to the data dir
    to_addr         TEXT NOT NULL,
    subject         TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    error_code      TEXT,
    last_error      TEXT NOT NULL DEFAULT '',
    queued_at       TEXT NOT NULL,
    sent_at         TEXT
) STRICT;
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
