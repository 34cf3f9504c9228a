-- Team mode, version 1: the organisation's tables. Clients read them; only the functions of
-- v1_functions.sql (SECURITY DEFINER, owned by the role that ran `safedesk team init`) write.
-- Times are timestamptz; JSON is jsonb. Personal accounts and drafts never come here.

CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);

CREATE TABLE people (
    id text PRIMARY KEY,
    name text NOT NULL,
    name_key text NOT NULL UNIQUE,
    role text NOT NULL CHECK (role IN ('author', 'approver', 'admin')),
    -- The PostgreSQL login this person connects as: who acts is session_user, never a name the
    -- client sends.
    login text UNIQUE,
    passphrase_hash text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    disabled_at timestamptz,
    passphrase_reset integer NOT NULL DEFAULT 0
);

CREATE TABLE grants (
    id text PRIMARY KEY,
    person_id text NOT NULL REFERENCES people(id),
    role text NOT NULL,
    granted_by text NOT NULL,
    granted_at timestamptz NOT NULL,
    alone integer NOT NULL,
    confirmed_by text NOT NULL DEFAULT '',
    confirmed_at timestamptz,
    closed_at timestamptz
);
CREATE INDEX grants_person ON grants(person_id);

CREATE TABLE accounts (
    id text PRIMARY KEY,
    pane text NOT NULL CHECK (pane = 'official'),
    platform text NOT NULL CHECK (platform IN ('mastodon', 'bluesky')),
    server text NOT NULL,
    handle text NOT NULL,
    display_name text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    remote_id text NOT NULL DEFAULT '',
    limits jsonb NOT NULL DEFAULT '{}',
    owner_id text NOT NULL DEFAULT '' CHECK (owner_id = ''),
    removed_at timestamptz
);
CREATE UNIQUE INDEX accounts_live_identity ON accounts(platform, server, handle)
    WHERE removed_at IS NULL;

CREATE TABLE drafts (
    id text PRIMARY KEY,
    pane text NOT NULL CHECK (pane = 'official'),
    author_id text NOT NULL REFERENCES people(id),
    content jsonb NOT NULL,
    -- safedesk-digest-v1 of content, computed here (content_digest), never sent by a client.
    digest text NOT NULL,
    state text NOT NULL,
    version integer NOT NULL CHECK (version >= 1),
    editors jsonb NOT NULL,
    last_editor_id text NOT NULL REFERENCES people(id),
    decision_note text NOT NULL DEFAULT '',
    urgent integer NOT NULL DEFAULT 0,
    submitted_at timestamptz,
    imported integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    -- The publisher login that started the latest round of sending.
    claimed_by text NOT NULL DEFAULT ''
);
CREATE INDEX drafts_state ON drafts(state, created_at);

CREATE TABLE approvals (
    id text PRIMARY KEY,
    draft_id text NOT NULL REFERENCES drafts(id),
    approver_id text NOT NULL REFERENCES people(id),
    digest text NOT NULL,
    -- The draft version this approval made: it binds to that version and that digest.
    version integer NOT NULL,
    approved_at timestamptz NOT NULL,
    comment text NOT NULL DEFAULT '',
    flag text NOT NULL DEFAULT '',
    voided_at timestamptz
);
CREATE UNIQUE INDEX approvals_one_live ON approvals(draft_id) WHERE voided_at IS NULL;

CREATE TABLE draft_targets (
    draft_id text NOT NULL REFERENCES drafts(id),
    account_id text NOT NULL REFERENCES accounts(id),
    PRIMARY KEY (draft_id, account_id)
);

CREATE TABLE publications (
    id text PRIMARY KEY,
    draft_id text NOT NULL REFERENCES drafts(id),
    account_id text NOT NULL REFERENCES accounts(id),
    pane text NOT NULL CHECK (pane = 'official'),
    idempotency_key text NOT NULL UNIQUE,
    state text NOT NULL,
    remote_id text NOT NULL DEFAULT '',
    url text NOT NULL DEFAULT '',
    published_at timestamptz,
    error text NOT NULL DEFAULT '',
    remote_uri text NOT NULL DEFAULT '',
    remote_cid text NOT NULL DEFAULT '',
    attempts integer NOT NULL DEFAULT 0,
    imported integer NOT NULL DEFAULT 0,
    first_attempt_at timestamptz,
    last_attempt_at timestamptz,
    confirmed_by text NOT NULL DEFAULT '',
    seq bigserial
);
CREATE INDEX publications_draft ON publications(draft_id);
CREATE INDEX publications_remote ON publications(account_id, remote_id);
CREATE INDEX publications_state ON publications(state);
CREATE INDEX publications_history ON publications(published_at);

CREATE TABLE templates (
    id text PRIMARY KEY,
    name text NOT NULL,
    language text NOT NULL,
    version text NOT NULL,
    text text NOT NULL,
    editor_id text NOT NULL REFERENCES people(id),
    saved_at timestamptz NOT NULL,
    seq bigserial
);
CREATE INDEX templates_name ON templates(name, language);

-- The words of every template version pre-approved here, named by the version (their SHA-256),
-- so that the server holds a pre-approved correction to them: shipped templates come with the
-- pre-approval (add_preapproval), edited ones with their save.
CREATE TABLE template_texts (
    version text PRIMARY KEY,
    name text NOT NULL,
    language text NOT NULL,
    text text NOT NULL
);

CREATE TABLE template_preapprovals (
    id text PRIMARY KEY,
    name text NOT NULL,
    language text NOT NULL,
    version text NOT NULL,
    approver_id text NOT NULL REFERENCES people(id),
    approved_at timestamptz NOT NULL,
    comment text NOT NULL DEFAULT '',
    seq bigserial,
    UNIQUE (name, language, version, approver_id)
);

CREATE TABLE incidents (
    id text PRIMARY KEY,
    pane text NOT NULL CHECK (pane = 'official'),
    kind text NOT NULL,
    original_draft_id text NOT NULL REFERENCES drafts(id),
    correction_draft_id text NOT NULL UNIQUE REFERENCES drafts(id),
    opened_by text NOT NULL REFERENCES people(id),
    opened_at timestamptz NOT NULL,
    original_action text NOT NULL,
    note text NOT NULL DEFAULT '',
    template_name text NOT NULL DEFAULT '',
    template_language text NOT NULL DEFAULT '',
    template_version text NOT NULL DEFAULT '',
    fields jsonb NOT NULL DEFAULT '{}',
    route text NOT NULL,
    preapproval_id text NOT NULL DEFAULT '',
    queue_reason text NOT NULL DEFAULT '',
    flags jsonb NOT NULL DEFAULT '[]',
    imported integer NOT NULL DEFAULT 0
);

CREATE TABLE incident_targets (
    incident_id text NOT NULL REFERENCES incidents(id),
    account_id text NOT NULL REFERENCES accounts(id),
    original_publication_id text NOT NULL REFERENCES publications(id),
    action text NOT NULL,
    state text NOT NULL,
    detail text NOT NULL DEFAULT '',
    acted_at timestamptz,
    acted_by text NOT NULL DEFAULT '',
    seq bigserial,
    PRIMARY KEY (incident_id, account_id)
);

CREATE TABLE audit_events (
    seq bigint PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    subject text NOT NULL,
    details jsonb NOT NULL,
    prev_hash text NOT NULL,
    event_hash text NOT NULL
);

-- One draft's story is read by its subject.
CREATE INDEX audit_events_subject ON audit_events(subject, seq);

-- One row: the chain's head, locked by every append so that links are made one at a time.
CREATE TABLE audit_head (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    count bigint NOT NULL,
    hash text NOT NULL
);
INSERT INTO audit_head (count, hash) VALUES (0, repeat('0', 64));

-- Each publisher's last sign of life, for `safedesk team doctor`.
CREATE TABLE publishers (
    login text PRIMARY KEY,
    host text NOT NULL,
    started_at timestamptz NOT NULL,
    beat_at timestamptz NOT NULL,
    last_publish_at timestamptz
);

-- Append-only, even for the owner's own code paths: only a superuser dropping these can change
-- history, which the hash chain then shows.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are never changed or deleted', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER templates_never_change BEFORE UPDATE OR DELETE ON templates
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER preapprovals_never_change BEFORE UPDATE OR DELETE ON template_preapprovals
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER incidents_never_deleted BEFORE DELETE ON incidents
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER grants_never_deleted BEFORE DELETE ON grants
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE FUNCTION account_pane_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.pane IS DISTINCT FROM OLD.pane THEN
        RAISE EXCEPTION 'an account stays in the pane it was added to';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER accounts_pane_fixed BEFORE UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION account_pane_fixed();
