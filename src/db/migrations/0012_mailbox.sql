-- The dealer's mailbox (IMAP): inquiries and replies logged from e-mail.

-- The e-mail an interaction was logged from (its Message-ID, without <>),
-- and the shortlist a reply to Lotbook's photo e-mail answered. Rows logged
-- from mail have ids made from the Message-ID, so two computers reading the
-- same mailbox write the same row and sync merges them.
ALTER TABLE interactions ADD COLUMN message_id TEXT;
ALTER TABLE interactions ADD COLUMN shortlist_id TEXT REFERENCES shortlists (id) ON DELETE SET NULL;
CREATE INDEX interactions_by_message ON interactions (message_id) WHERE message_id IS NOT NULL;

-- Messages from unknown addresses that look like inquiries, offered on the
-- Inquiries screen as "new customer?" until accepted or dismissed (synced:
-- a dismissal holds on every computer).
CREATE TABLE mail_leads (
    id          TEXT PRIMARY KEY,
    message_id  TEXT NOT NULL,
    from_addr   TEXT NOT NULL,
    from_name   TEXT NOT NULL DEFAULT '',
    subject     TEXT NOT NULL DEFAULT '',
    preview     TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL,                 -- RFC 3339 UTC, when it was sent
    state       TEXT NOT NULL CHECK (state IN ('new', 'accepted', 'dismissed')),
    customer_id TEXT REFERENCES customers (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX mail_leads_by_state ON mail_leads (state, at);

-- Where this computer is in each folder of the mailbox (never synced: each
-- computer reads the mailbox itself). A new UIDVALIDITY starts the folder over.
CREATE TABLE mailbox_folders (
    account     TEXT NOT NULL,                 -- user@host
    folder      TEXT NOT NULL,                 -- the server's name (modified UTF-7)
    uidvalidity INTEGER NOT NULL,
    last_uid    INTEGER NOT NULL,
    checked_at  TEXT NOT NULL,
    PRIMARY KEY (account, folder)
) STRICT;
