-- Sold cars' photos archived out of this computer's data folder into its
-- backup location (src/photos/archive.rs). Local, never synced: one
-- computer's archive says nothing about another's. A row is written only
-- after the file in the backup location was read and hash-checked, and
-- before the data folder's copy is removed.
CREATE TABLE photo_archive (
    hash        TEXT PRIMARY KEY CHECK (length(hash) = 64),  -- the photo's original hash
    kind        TEXT NOT NULL CHECK (kind IN ('original', 'shared')),
    format      TEXT NOT NULL CHECK (format IN ('jpeg', 'png', 'heic')),
    file_hash   TEXT NOT NULL CHECK (length(file_hash) = 64), -- blake3 of the archived file
    location    TEXT NOT NULL,                                -- the backup location (a folder)
    rel_path    TEXT NOT NULL,                                -- the file in it
    bytes       INTEGER NOT NULL CHECK (bytes >= 0),          -- the archived file's size
    freed       INTEGER NOT NULL CHECK (freed >= 0),          -- bytes removed from the data folder
    -- This computer put the photo's file into the shared folder and has still
    -- to remove it there (done at the next sync pass): 1 = to do.
    folder_todo INTEGER NOT NULL DEFAULT 0 CHECK (folder_todo IN (0, 1)),
    archived_at TEXT NOT NULL,
    -- Brought back into the data folder ("보관한 사진 되살리기"): the record
    -- stays, so it is not archived again for the set age from then.
    brought_back_at TEXT
) STRICT;

-- Synced: when the computer that put this photo's file into the shared folder
-- archived it and removed that file. A colleague (or a new computer) that
-- lacks the photo then stops waiting for the file: the photo shows as
-- archived, with its thumbnail if it has one.
ALTER TABLE photos ADD COLUMN folder_archived_at TEXT;
