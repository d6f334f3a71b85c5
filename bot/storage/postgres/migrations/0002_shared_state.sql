-- DocSocial PostgreSQL schema 0002: the state users rely on across messages, shared by every worker
-- (the same tables as the SQLite backend's 0002). Users appear only as the core's salted hashes.

-- Bumped by every write to a community, so each worker reloads a community another one changed.
CREATE TABLE community_revisions (
    community_id TEXT PRIMARY KEY,
    revision     BIGINT NOT NULL
);

-- Half-written guided `/faq add` dialogues, one per (community, actor); expire when idle.
CREATE TABLE dialogues (
    community_id TEXT NOT NULL,
    actor        TEXT NOT NULL,
    data         TEXT NOT NULL CHECK (jsonb_typeof(data::jsonb) = 'object'),
    touched_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (community_id, actor)
);

-- Stable numbers of unanswered questions: a question keeps its number until answered or dismissed.
CREATE TABLE gap_counters (
    community_id TEXT PRIMARY KEY,
    last_number  BIGINT NOT NULL CHECK (last_number >= 0)
);
CREATE TABLE gap_numbers (
    community_id TEXT NOT NULL,
    norm         TEXT NOT NULL,
    number       BIGINT NOT NULL CHECK (number > 0),
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
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX user_locales_updated ON user_locales (updated_at);
CREATE TABLE last_answers (
    user_key     TEXT NOT NULL,
    community_id TEXT NOT NULL,
    entry_id     TEXT NOT NULL,
    at           TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_key, community_id)
);
CREATE INDEX last_answers_at ON last_answers (at);

-- Fixed-window rate-limit counters and per-(community, user) cooldowns; times in epoch seconds.
CREATE TABLE rate_windows (
    key          TEXT NOT NULL,
    window_start DOUBLE PRECISION NOT NULL,
    hits         INTEGER NOT NULL CHECK (hits > 0),
    expires_at   DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_windows_expiry ON rate_windows (expires_at);
CREATE TABLE cooldowns (
    key        TEXT PRIMARY KEY,
    last_at    DOUBLE PRECISION NOT NULL,
    expires_at DOUBLE PRECISION NOT NULL
);
CREATE INDEX cooldowns_expiry ON cooldowns (expires_at);

-- Secrets every worker must agree on (the Telegram webhook token), generated once per deployment.
CREATE TABLE deployment_secrets (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- Scheduled work (the daily purge): the last claim per job, so it runs once per deployment and
-- interval, whatever the worker count.
CREATE TABLE job_claims (
    job        TEXT PRIMARY KEY,
    claimed_at TIMESTAMPTZ NOT NULL
);

-- Triggers keep revisions and gap numbers right whoever writes (a worker, `kb import`, an old CLI).
CREATE FUNCTION docsocial_bump_revision(community TEXT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO community_revisions (community_id, revision) VALUES (community, 1)
    ON CONFLICT (community_id) DO UPDATE SET revision = community_revisions.revision + 1;
$$;
CREATE FUNCTION docsocial_revision_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        PERFORM docsocial_bump_revision(NEW.community_id);
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.community_id <> NEW.community_id) THEN
        PERFORM docsocial_bump_revision(OLD.community_id);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER entries_revision AFTER INSERT OR UPDATE OR DELETE ON entries
    FOR EACH ROW EXECUTE FUNCTION docsocial_revision_trigger();
CREATE TRIGGER hidden_entries_revision AFTER INSERT OR UPDATE OR DELETE ON hidden_entries
    FOR EACH ROW EXECUTE FUNCTION docsocial_revision_trigger();
CREATE TRIGGER community_settings_revision AFTER INSERT OR UPDATE OR DELETE ON community_settings
    FOR EACH ROW EXECUTE FUNCTION docsocial_revision_trigger();
CREATE FUNCTION docsocial_gap_number() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    next_number BIGINT;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT EXISTS (SELECT 1 FROM gap_numbers WHERE community_id = NEW.community_id AND norm = NEW.norm) THEN
            INSERT INTO gap_counters (community_id, last_number) VALUES (NEW.community_id, 1)
            ON CONFLICT (community_id) DO UPDATE SET last_number = gap_counters.last_number + 1
            RETURNING last_number INTO next_number;
            INSERT INTO gap_numbers (community_id, norm, number) VALUES (NEW.community_id, NEW.norm, next_number)
            ON CONFLICT DO NOTHING;
        END IF;
    ELSIF NOT EXISTS (SELECT 1 FROM gaps WHERE community_id = OLD.community_id AND norm = OLD.norm) THEN
        DELETE FROM gap_numbers WHERE community_id = OLD.community_id AND norm = OLD.norm;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER gaps_number AFTER INSERT OR DELETE ON gaps FOR EACH ROW EXECUTE FUNCTION docsocial_gap_number();
-- One rate-limited hit in one statement, so the hot per-community counter row is locked only inside
-- the server, never across client round trips: the cooldown and every quota are taken, or none is
-- (a refusal rolls the block back). Returns false when refused.
CREATE FUNCTION docsocial_hit(cooldown_key TEXT, at DOUBLE PRECISION, cooldown_seconds DOUBLE PRECISION,
                              cooldown_expiry DOUBLE PRECISION, keys TEXT[], limits INTEGER[],
                              starts DOUBLE PRECISION[], ends DOUBLE PRECISION[])
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    taken INTEGER;
BEGIN
    BEGIN
        INSERT INTO cooldowns (key, last_at, expires_at) VALUES (cooldown_key, at, cooldown_expiry)
        ON CONFLICT (key) DO UPDATE SET last_at = excluded.last_at, expires_at = excluded.expires_at
        WHERE cooldowns.last_at <= at - cooldown_seconds
        RETURNING 1 INTO taken;
        IF taken IS NULL THEN
            RAISE EXCEPTION 'refused' USING ERRCODE = 'P0001';
        END IF;
        FOR i IN 1 .. coalesce(array_length(keys, 1), 0) LOOP
            taken := NULL;
            INSERT INTO rate_windows (key, window_start, hits, expires_at) VALUES (keys[i], starts[i], 1, ends[i])
            ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_windows.hits + 1
            WHERE rate_windows.hits < limits[i]
            RETURNING 1 INTO taken;
            IF taken IS NULL THEN
                RAISE EXCEPTION 'refused' USING ERRCODE = 'P0001';
            END IF;
            DELETE FROM rate_windows WHERE key = keys[i] AND window_start < starts[i];
        END LOOP;
        RETURN true;
    EXCEPTION WHEN raise_exception THEN
        RETURN false;
    END;
END;
$$;
