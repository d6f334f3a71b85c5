-- DocSocial schema 0001: community entries, audit, hidden curated entries, unanswered log,
-- usage events, votes and settings. Timestamps are UTC ISO-8601 text with microseconds and a
-- fixed "+00:00" suffix, so text comparison orders them correctly (and PostgreSQL can cast them).
-- No table holds message text except `gaps`, whose text the core has already scrubbed.

-- The last "cN" number handed out per community: ids are never reused, even after deletion.
CREATE TABLE entry_counters (
    community_id TEXT PRIMARY KEY,
    last_number  INTEGER NOT NULL CHECK (last_number >= 0)
);

-- Moderator-added entries: the whole Entry as JSON, plus the columns we filter on.
CREATE TABLE entries (
    community_id TEXT NOT NULL,
    entry_id     TEXT NOT NULL,
    topic        TEXT NOT NULL,
    data         TEXT NOT NULL CHECK (json_valid(data)),
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (community_id, entry_id)
);
CREATE INDEX entries_live ON entries (deleted, community_id);

-- Curated entry ids a community chose to hide.
CREATE TABLE hidden_entries (
    community_id TEXT NOT NULL,
    entry_id     TEXT NOT NULL,
    hidden_at    TEXT NOT NULL,
    PRIMARY KEY (community_id, entry_id)
);

-- Every change made by a moderator or an import; actor is an opaque id, never a raw user id.
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    community_id TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    target       TEXT NOT NULL,
    before       TEXT,
    after        TEXT,
    at           TEXT NOT NULL
);
CREATE INDEX audit_log_target ON audit_log (community_id, target, id);

-- Unanswered (fallback) and unsure (clarify) questions, aggregated by normalised text.
CREATE TABLE gaps (
    community_id TEXT NOT NULL,
    norm         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('fallback', 'clarify')),
    text         TEXT NOT NULL,
    count        INTEGER NOT NULL CHECK (count > 0),
    first_seen   TEXT NOT NULL,
    last_seen    TEXT NOT NULL,
    PRIMARY KEY (community_id, norm, kind)
);
CREATE INDEX gaps_last_seen ON gaps (last_seen);

-- One row per question handled (answered entry, fallback or clarify): no text, no user.
CREATE TABLE usage_events (
    id           INTEGER PRIMARY KEY,
    community_id TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('answer', 'fallback', 'clarify')),
    entry_id     TEXT,
    at           TEXT NOT NULL,
    CHECK ((kind = 'answer') = (entry_id IS NOT NULL))
);
CREATE INDEX usage_events_window ON usage_events (community_id, at);
CREATE INDEX usage_events_at ON usage_events (at);

-- Helpful / not helpful: one vote per (salted, hashed) voter per entry per community.
CREATE TABLE votes (
    community_id TEXT NOT NULL,
    entry_id     TEXT NOT NULL,
    voter        TEXT NOT NULL,
    helpful      INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    at           TEXT NOT NULL,
    PRIMARY KEY (community_id, entry_id, voter)
);
CREATE INDEX votes_window ON votes (community_id, at);

-- CommunitySettings as JSON; missing keys fall back to the dataclass defaults.
CREATE TABLE community_settings (
    community_id TEXT PRIMARY KEY,
    data         TEXT NOT NULL CHECK (json_valid(data)),
    updated_at   TEXT NOT NULL
);
