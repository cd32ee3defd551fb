-- The sync log keeps what each pass did as a code and its numbers, so the
-- Sync page words it in the reader's language (issue 15 item 9); `message`
-- stays the core's plain English for the CLI and older entries.
ALTER TABLE sync_log ADD COLUMN code TEXT;
ALTER TABLE sync_log ADD COLUMN params TEXT NOT NULL DEFAULT '{}';
