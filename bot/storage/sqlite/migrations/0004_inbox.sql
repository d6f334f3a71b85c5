-- DocSocial SQLite schema 0004: the durable inbox (bot/inbox). An update is stored here before it is
-- confirmed to the platform and marked done once answered; done rows keep only their key (the payload,
-- which holds the message and the sender's platform id, is erased) so a redelivery stays a no-op,
-- and are purged after a day. Same tables as the PostgreSQL backend's 0004.
CREATE TABLE inbox (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,  -- arrival order
    platform     TEXT NOT NULL,
    update_id    INTEGER NOT NULL,
    chat_key     TEXT NOT NULL,
    payload      TEXT CHECK (payload IS NULL OR json_valid(payload)),
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'claimed', 'sending', 'done')),
    received_at  TEXT NOT NULL,
    owner        TEXT,
    lease_until  TEXT,
    attempts     INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    send_started INTEGER NOT NULL DEFAULT 0 CHECK (send_started IN (0, 1)),
    outcome      TEXT,
    done_at      TEXT,
    UNIQUE (platform, update_id),
    CHECK ((state = 'done') = (done_at IS NOT NULL)),
    CHECK (state <> 'done' OR payload IS NULL)
);
CREATE INDEX inbox_open ON inbox (seq) WHERE state <> 'done';
CREATE INDEX inbox_open_chat ON inbox (chat_key, seq) WHERE state <> 'done';
CREATE INDEX inbox_owner ON inbox (owner) WHERE state IN ('claimed', 'sending');
CREATE INDEX inbox_done ON inbox (done_at) WHERE state = 'done';

-- What the inbox gave up on, for operators (`db check`): shed, dropped_late, failed, expired.
CREATE TABLE inbox_counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL CHECK (value >= 0)
);
