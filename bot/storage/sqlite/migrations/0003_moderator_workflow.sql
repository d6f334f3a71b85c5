-- DocSocial SQLite schema 0003: the moderators' loop. What the matcher made of an unanswered question,
-- dismissed questions, community phrasings routed to curated entries, phrasings learned from users'
-- choices, the question a user's next choice or rating refers to, and weekly digest claims.
-- Users appear only as the core's salted hashes (user_key, voter); texts are scrubbed by the core.

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
    dismissed_at TEXT NOT NULL,
    PRIMARY KEY (community_id, norm)
);

-- A community phrasing that routes to an entry (curated or the community's own) in this community.
CREATE TABLE entry_links (
    community_id TEXT NOT NULL,
    entry_id     TEXT NOT NULL,
    norm         TEXT NOT NULL,
    text         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (community_id, norm)
);
CREATE INDEX entry_links_entry ON entry_links (community_id, entry_id);

-- Phrasings users taught by their choices; number is stable per community (what moderators type).
CREATE TABLE learned_phrasings (
    community_id TEXT NOT NULL,
    number       INTEGER NOT NULL CHECK (number > 0),
    entry_id     TEXT NOT NULL,
    norm         TEXT NOT NULL,
    text         TEXT NOT NULL,
    locale       TEXT NOT NULL CHECK (locale IN ('en', 'es')),
    status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
    first_seen   TEXT NOT NULL,
    last_seen    TEXT NOT NULL,
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
    entries      TEXT NOT NULL CHECK (json_valid(entries)),
    at           TEXT NOT NULL,
    PRIMARY KEY (user_key, community_id)
);
CREATE INDEX question_context_at ON question_context (at);

-- One row per digest sent: the primary key is the claim, so several workers send it once.
CREATE TABLE digest_sends (
    community_id TEXT NOT NULL,
    period       TEXT NOT NULL,
    claimed_at   TEXT NOT NULL,
    PRIMARY KEY (community_id, period)
);

-- Linking or unlinking changes what the community's questions lead to: every worker reloads it
-- (community_revisions comes from 0002).
CREATE TRIGGER entry_links_revision_insert AFTER INSERT ON entry_links BEGIN
    INSERT INTO community_revisions (community_id, revision) SELECT NEW.community_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM community_revisions WHERE community_id = NEW.community_id);
    UPDATE community_revisions SET revision = revision + 1 WHERE community_id = NEW.community_id;
END;
CREATE TRIGGER entry_links_revision_update AFTER UPDATE ON entry_links BEGIN
    INSERT INTO community_revisions (community_id, revision) SELECT NEW.community_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM community_revisions WHERE community_id = NEW.community_id);
    UPDATE community_revisions SET revision = revision + 1 WHERE community_id = NEW.community_id;
END;
CREATE TRIGGER entry_links_revision_delete AFTER DELETE ON entry_links BEGIN
    INSERT INTO community_revisions (community_id, revision) SELECT OLD.community_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM community_revisions WHERE community_id = OLD.community_id);
    UPDATE community_revisions SET revision = revision + 1 WHERE community_id = OLD.community_id;
END;
