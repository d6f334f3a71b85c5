-- DocSocial PostgreSQL schema 0001: the same tables as the SQLite backend's 0001, in PostgreSQL
-- types (timestamptz, boolean, identity columns). Entry data and audit before/after stay JSON text,
-- byte for byte what the core wrote, so an audit row reads the same on both backends.
-- No table holds message text except `gaps`, whose text the core has already scrubbed.

-- The last "cN" number handed out per community: ids are never reused, even after deletion.
CREATE TABLE entry_counters (
    community_id TEXT PRIMARY KEY,
    last_number  BIGINT NOT NULL CHECK (last_number >= 0)
);

-- Moderator-added entries: the whole Entry as JSON, plus the columns we filter on. `seq` keeps
-- the order entries were added in (SQLite's rowid).
CREATE TABLE entries (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY,
    community_id TEXT NOT NULL,
    entry_id     TEXT NOT NULL,
    topic        TEXT NOT NULL,
    data         TEXT NOT NULL CHECK (jsonb_typeof(data::jsonb) = 'object'),
    deleted      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (community_id, entry_id)
);
CREATE INDEX entries_live ON entries (deleted, community_id);
CREATE INDEX entries_order ON entries (community_id, seq);

-- Curated entry ids a community chose to hide.
CREATE TABLE hidden_entries (
    community_id TEXT NOT NULL,
    entry_id     TEXT NOT NULL,
    hidden_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (community_id, entry_id)
);

-- Every change made by a moderator or an import; actor is an opaque id, never a raw user id.
CREATE TABLE audit_log (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    community_id TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    target       TEXT NOT NULL,
    before       TEXT,
    after        TEXT,
    at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX audit_log_target ON audit_log (community_id, target, id);

-- Unanswered (fallback) and unsure (clarify) questions, aggregated by normalised text.
CREATE TABLE gaps (
    community_id TEXT NOT NULL,
    norm         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('fallback', 'clarify')),
    text         TEXT NOT NULL,
    count        INTEGER NOT NULL CHECK (count > 0),
    first_seen   TIMESTAMPTZ NOT NULL,
    last_seen    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (community_id, norm, kind)
);
CREATE INDEX gaps_last_seen ON gaps (last_seen);

-- One row per question handled (answered entry, fallback or clarify): no text, no user.
CREATE TABLE usage_events (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    community_id TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('answer', 'fallback', 'clarify')),
    entry_id     TEXT,
    at           TIMESTAMPTZ NOT NULL,
    CHECK ((kind = 'answer') = (entry_id IS NOT NULL))
);
CREATE INDEX usage_events_window ON usage_events (community_id, at);
CREATE INDEX usage_events_at ON usage_events (at);

-- Helpful / not helpful: one vote per (salted, hashed) voter per entry per community.
CREATE TABLE votes (
    community_id TEXT NOT NULL,
    entry_id     TEXT NOT NULL,
    voter        TEXT NOT NULL,
    helpful      BOOLEAN NOT NULL,
    at           TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (community_id, entry_id, voter)
);
CREATE INDEX votes_window ON votes (community_id, at);

-- CommunitySettings as JSON; missing keys fall back to the dataclass defaults.
CREATE TABLE community_settings (
    community_id TEXT PRIMARY KEY,
    data         TEXT NOT NULL CHECK (jsonb_typeof(data::jsonb) = 'object'),
    updated_at   TIMESTAMPTZ NOT NULL
);
