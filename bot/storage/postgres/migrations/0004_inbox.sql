-- DocSocial PostgreSQL schema 0004: the durable inbox (bot/inbox), the same tables as SQLite's 0004.
-- Workers claim rows with FOR UPDATE SKIP LOCKED and hold them under a lease; done rows keep only
-- their key (payload erased), so a redelivery stays a no-op, and are purged after a day.
CREATE TABLE inbox (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- arrival order
    platform     TEXT NOT NULL,
    update_id    BIGINT NOT NULL,
    chat_key     TEXT NOT NULL,
    payload      TEXT,
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'claimed', 'sending', 'done')),
    received_at  TIMESTAMPTZ NOT NULL,
    owner        TEXT,
    lease_until  TIMESTAMPTZ,
    attempts     INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    send_started BOOLEAN NOT NULL DEFAULT FALSE,
    outcome      TEXT,
    done_at      TIMESTAMPTZ,
    UNIQUE (platform, update_id),
    CHECK ((state = 'done') = (done_at IS NOT NULL)),
    CHECK (state <> 'done' OR payload IS NULL)
);
CREATE INDEX inbox_open ON inbox (seq) WHERE state <> 'done';
CREATE INDEX inbox_open_chat ON inbox (chat_key, seq) WHERE state <> 'done';
CREATE INDEX inbox_owner ON inbox (owner) WHERE state IN ('claimed', 'sending');
CREATE INDEX inbox_done ON inbox (done_at) WHERE state = 'done';

CREATE TABLE inbox_counters (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL CHECK (value >= 0)
);
