-- DocSocial SQLite schema 0002: the state users rely on across messages, shared by every worker
-- (the same tables as the PostgreSQL backend's 0002). Users appear only as the core's salted hashes.

-- Bumped by every write to a community, so each worker reloads a community another one changed.
CREATE TABLE community_revisions (
    community_id TEXT PRIMARY KEY,
    revision     INTEGER NOT NULL
);

-- Half-written guided `/faq add` dialogues, one per (community, actor); expire when idle.
CREATE TABLE dialogues (
    community_id TEXT NOT NULL,
    actor        TEXT NOT NULL,
    data         TEXT NOT NULL CHECK (json_valid(data)),
    touched_at   TEXT NOT NULL,
    PRIMARY KEY (community_id, actor)
);

-- Stable numbers of unanswered questions: a question keeps its number until answered or dismissed.
CREATE TABLE gap_counters (
    community_id TEXT PRIMARY KEY,
    last_number  INTEGER NOT NULL CHECK (last_number >= 0)
);
CREATE TABLE gap_numbers (
    community_id TEXT NOT NULL,
    norm         TEXT NOT NULL,
    number       INTEGER NOT NULL CHECK (number > 0),
    PRIMARY KEY (community_id, norm),
    UNIQUE (community_id, number)
);
INSERT INTO gap_numbers (community_id, norm, number)
SELECT community_id, norm, row_number() OVER (PARTITION BY community_id ORDER BY min(first_seen), norm)
FROM gaps GROUP BY community_id, norm;
INSERT INTO gap_counters (community_id, last_number)
SELECT community_id, max(number) FROM gap_numbers GROUP BY community_id;

-- A user's /lang choice and the entry /rate rates next (user_key: platform plus salted hash).
CREATE TABLE user_locales (
    user_key   TEXT PRIMARY KEY,
    locale     TEXT NOT NULL CHECK (locale IN ('en', 'es')),
    updated_at TEXT NOT NULL
);
CREATE INDEX user_locales_updated ON user_locales (updated_at);
CREATE TABLE last_answers (
    user_key     TEXT NOT NULL,
    community_id TEXT NOT NULL,
    entry_id     TEXT NOT NULL,
    at           TEXT NOT NULL,
    PRIMARY KEY (user_key, community_id)
);
CREATE INDEX last_answers_at ON last_answers (at);

-- Fixed-window rate-limit counters and per-(community, user) cooldowns; times in epoch seconds.
CREATE TABLE rate_windows (
    key          TEXT NOT NULL,
    window_start REAL NOT NULL,
    hits         INTEGER NOT NULL CHECK (hits > 0),
    expires_at   REAL NOT NULL,
    PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_windows_expiry ON rate_windows (expires_at);
CREATE TABLE cooldowns (
    key        TEXT PRIMARY KEY,
    last_at    REAL NOT NULL,
    expires_at REAL NOT NULL
);
CREATE INDEX cooldowns_expiry ON cooldowns (expires_at);

-- Secrets every worker must agree on (the Telegram webhook token), generated once per deployment.
CREATE TABLE deployment_secrets (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Scheduled work (the daily purge): the last claim per job, so it runs once per deployment and
-- interval, whatever the worker count.
CREATE TABLE job_claims (
    job        TEXT PRIMARY KEY,
    claimed_at TEXT NOT NULL
);

-- (No INSERT OR IGNORE inside triggers: an outer upsert would override its conflict policy.)
-- Triggers keep revisions and gap numbers right whoever writes (a worker, `kb import`, an old CLI).
CREATE TRIGGER entries_revision_insert AFTER INSERT ON entries BEGIN
    INSERT INTO community_revisions (community_id, revision) SELECT NEW.community_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM community_revisions WHERE community_id = NEW.community_id);
    UPDATE community_revisions SET revision = revision + 1 WHERE community_id = NEW.community_id;
END;
CREATE TRIGGER entries_revision_update AFTER UPDATE ON entries BEGIN
    INSERT INTO community_revisions (community_id, revision) SELECT NEW.community_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM community_revisions WHERE community_id = NEW.community_id);
    UPDATE community_revisions SET revision = revision + 1 WHERE community_id = NEW.community_id;
END;
CREATE TRIGGER entries_revision_moved AFTER UPDATE OF community_id ON entries
WHEN OLD.community_id <> NEW.community_id BEGIN
    INSERT INTO community_revisions (community_id, revision) SELECT OLD.community_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM community_revisions WHERE community_id = OLD.community_id);
    UPDATE community_revisions SET revision = revision + 1 WHERE community_id = OLD.community_id;
END;
CREATE TRIGGER entries_revision_delete AFTER DELETE ON entries BEGIN
    INSERT INTO community_revisions (community_id, revision) SELECT OLD.community_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM community_revisions WHERE community_id = OLD.community_id);
    UPDATE community_revisions SET revision = revision + 1 WHERE community_id = OLD.community_id;
END;
CREATE TRIGGER hidden_entries_revision_insert AFTER INSERT ON hidden_entries BEGIN
    INSERT INTO community_revisions (community_id, revision) SELECT NEW.community_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM community_revisions WHERE community_id = NEW.community_id);
    UPDATE community_revisions SET revision = revision + 1 WHERE community_id = NEW.community_id;
END;
CREATE TRIGGER hidden_entries_revision_update AFTER UPDATE ON hidden_entries BEGIN
    INSERT INTO community_revisions (community_id, revision) SELECT NEW.community_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM community_revisions WHERE community_id = NEW.community_id);
    UPDATE community_revisions SET revision = revision + 1 WHERE community_id = NEW.community_id;
END;
CREATE TRIGGER hidden_entries_revision_moved AFTER UPDATE OF community_id ON hidden_entries
WHEN OLD.community_id <> NEW.community_id BEGIN
    INSERT INTO community_revisions (community_id, revision) SELECT OLD.community_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM community_revisions WHERE community_id = OLD.community_id);
    UPDATE community_revisions SET revision = revision + 1 WHERE community_id = OLD.community_id;
END;
CREATE TRIGGER hidden_entries_revision_delete AFTER DELETE ON hidden_entries BEGIN
    INSERT INTO community_revisions (community_id, revision) SELECT OLD.community_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM community_revisions WHERE community_id = OLD.community_id);
    UPDATE community_revisions SET revision = revision + 1 WHERE community_id = OLD.community_id;
END;
CREATE TRIGGER community_settings_revision_insert AFTER INSERT ON community_settings BEGIN
    INSERT INTO community_revisions (community_id, revision) SELECT NEW.community_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM community_revisions WHERE community_id = NEW.community_id);
    UPDATE community_revisions SET revision = revision + 1 WHERE community_id = NEW.community_id;
END;
CREATE TRIGGER community_settings_revision_update AFTER UPDATE ON community_settings BEGIN
    INSERT INTO community_revisions (community_id, revision) SELECT NEW.community_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM community_revisions WHERE community_id = NEW.community_id);
    UPDATE community_revisions SET revision = revision + 1 WHERE community_id = NEW.community_id;
END;
CREATE TRIGGER community_settings_revision_moved AFTER UPDATE OF community_id ON community_settings
WHEN OLD.community_id <> NEW.community_id BEGIN
    INSERT INTO community_revisions (community_id, revision) SELECT OLD.community_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM community_revisions WHERE community_id = OLD.community_id);
    UPDATE community_revisions SET revision = revision + 1 WHERE community_id = OLD.community_id;
END;
CREATE TRIGGER community_settings_revision_delete AFTER DELETE ON community_settings BEGIN
    INSERT INTO community_revisions (community_id, revision) SELECT OLD.community_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM community_revisions WHERE community_id = OLD.community_id);
    UPDATE community_revisions SET revision = revision + 1 WHERE community_id = OLD.community_id;
END;
CREATE TRIGGER gaps_number AFTER INSERT ON gaps
WHEN NOT EXISTS (SELECT 1 FROM gap_numbers WHERE community_id = NEW.community_id AND norm = NEW.norm) BEGIN
    INSERT INTO gap_counters (community_id, last_number) SELECT NEW.community_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM gap_counters WHERE community_id = NEW.community_id);
    UPDATE gap_counters SET last_number = last_number + 1 WHERE community_id = NEW.community_id;
    INSERT INTO gap_numbers (community_id, norm, number)
        SELECT NEW.community_id, NEW.norm, last_number FROM gap_counters WHERE community_id = NEW.community_id;
END;
CREATE TRIGGER gaps_unnumber AFTER DELETE ON gaps
WHEN NOT EXISTS (SELECT 1 FROM gaps WHERE community_id = OLD.community_id AND norm = OLD.norm) BEGIN
    DELETE FROM gap_numbers WHERE community_id = OLD.community_id AND norm = OLD.norm;
END;
