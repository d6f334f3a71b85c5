-- DocSocial PostgreSQL schema 0003: the moderators' loop, the same tables as the SQLite backend's 0003.
-- What the matcher made of an unanswered question, dismissed questions, community phrasings routed to an
-- entry, phrasings learned from users' choices, the question a user's next choice refers to, and weekly
-- digest claims. Users appear only as the core's salted hashes; texts are scrubbed by the core.

-- 'question': a real in-domain gap; 'off_topic': the matcher's "none of these" (chatter, jokes).
-- Medical-advice and gibberish messages keep no text: they are counted in usage_events only.
ALTER TABLE gaps ADD COLUMN category TEXT NOT NULL DEFAULT 'question'
    CHECK (category IN ('question', 'off_topic'));
ALTER TABLE usage_events ADD COLUMN category TEXT
    CHECK (category IS NULL OR category IN ('question', 'off_topic', 'medical', 'gibberish'));

-- Questions a moderator dismissed: never listed again (until the retention period forgets them).
CREATE TABLE dismissed_gaps (
    community_id TEXT NOT NULL,
    norm         TEXT NOT NULL,
    dismissed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (community_id, norm)
);

-- A community phrasing that routes to an entry (curated or the community's own) in this community.
CREATE TABLE entry_links (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY,
    community_id TEXT NOT NULL,
    entry_id     TEXT NOT NULL,
    norm         TEXT NOT NULL,
    text         TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (community_id, norm)
);
CREATE INDEX entry_links_entry ON entry_links (community_id, entry_id);
-- Linking or unlinking changes what the community's questions lead to: every worker reloads it.
CREATE TRIGGER entry_links_revision AFTER INSERT OR UPDATE OR DELETE ON entry_links
    FOR EACH ROW EXECUTE FUNCTION docsocial_revision_trigger();

-- Phrasings users taught by their choices; number is stable per community (what moderators type).
CREATE TABLE learned_phrasings (
    community_id TEXT NOT NULL,
    number       BIGINT NOT NULL CHECK (number > 0),
    entry_id     TEXT NOT NULL,
    norm         TEXT NOT NULL,
    text         TEXT NOT NULL,
    locale       TEXT NOT NULL CHECK (locale IN ('en', 'es')),
    status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
    first_seen   TIMESTAMPTZ NOT NULL,
    last_seen    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (community_id, entry_id, norm),
    UNIQUE (community_id, number)
);
-- One row per (salted) user who made the same choice, so a count is of people, not of clicks.
CREATE TABLE learned_votes (
    community_id TEXT NOT NULL,
    entry_id     TEXT NOT NULL,
    norm         TEXT NOT NULL,
    voter        TEXT NOT NULL,
    PRIMARY KEY (community_id, entry_id, norm, voter)
);

-- The last question a user asked here, so picking a choice or rating the answer can be learned from.
CREATE TABLE question_context (
    user_key     TEXT NOT NULL,
    community_id TEXT NOT NULL,
    text         TEXT NOT NULL,
    locale       TEXT NOT NULL CHECK (locale IN ('en', 'es')),
    entries      TEXT NOT NULL CHECK (jsonb_typeof(entries::jsonb) = 'array'),
    at           TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_key, community_id)
);
CREATE INDEX question_context_at ON question_context (at);

-- One row per digest sent: the primary key is the claim, so several workers send it once.
CREATE TABLE digest_sends (
    community_id TEXT NOT NULL,
    period       TEXT NOT NULL,
    claimed_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (community_id, period)
);
