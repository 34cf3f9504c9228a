-- Team mode, version 1: publications, accounts, people, templates, incidents, heartbeats.

CREATE OR REPLACE FUNCTION described(p_details jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE SET search_path = safedesk, pg_temp AS $$
    SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb)
    FROM jsonb_each(coalesce(p_details, '{}'))
    WHERE key IN ('reason', 'note', 'urgent', 'flag', 'copied_from', 'from_pane', 'template',
                  'language', 'template_version', 'error', 'kind', 'sent', 'knowingly',
                  'earlier_attempts', 'found', 'url', 'address', 'platform', 'max_characters',
                  'from', 'to', 'role', 'alone', 'grant', 'confirms', 'detail', 'action',
                  'late_seconds', 'route', 'original', 'fields', 'targets', 'queue_reason',
                  'target', 'by')
$$;

CREATE FUNCTION enabled_admins() RETURNS bigint
LANGUAGE sql STABLE SET search_path = safedesk, pg_temp AS $$
    SELECT count(*) FROM people WHERE role = 'admin' AND disabled_at IS NULL
$$;

CREATE FUNCTION rank(p_role text) RETURNS integer
LANGUAGE sql IMMUTABLE SET search_path = safedesk, pg_temp AS $$
    SELECT CASE p_role WHEN 'admin' THEN 3 WHEN 'approver' THEN 2 ELSE 1 END
$$;

CREATE FUNCTION update_publication(p_pub jsonb, p_action text, p_details jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    caller people := me();
    p publications;
    d drafts;
BEGIN
    IF p_action NOT LIKE 'publication.%' THEN
        PERFORM fail('SD422', format('%s is not a publication event.', p_action));
    END IF;
    SELECT * INTO p FROM publications WHERE id = p_pub->>'id' FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM fail('SD404', format('There is no publication with id %L.', p_pub->>'id'));
    END IF;
    SELECT * INTO d FROM drafts WHERE id = p.draft_id;
    IF is_publisher() THEN
        UPDATE publications SET state = p_pub->>'state',
            remote_id = coalesce(p_pub->>'remote_id', ''), url = coalesce(p_pub->>'url', ''),
            published_at = (p_pub->>'published_at')::timestamptz,
            error = coalesce(p_pub->>'error', ''), remote_uri = coalesce(p_pub->>'remote_uri', ''),
            remote_cid = coalesce(p_pub->>'remote_cid', ''),
            attempts = coalesce((p_pub->>'attempts')::integer, 0),
            first_attempt_at = (p_pub->>'first_attempt_at')::timestamptz,
            last_attempt_at = (p_pub->>'last_attempt_at')::timestamptz,
            confirmed_by = coalesce(p_pub->>'confirmed_by', '')
         WHERE id = p.id;
    ELSIF p_action = 'publication.confirmed' AND p.state IN ('unknown', 'pending')
          AND p_pub->>'state' = 'published'
          AND (caller.id = d.author_id OR caller.role IN ('approver', 'admin')) THEN
        -- A person's word that a post went out, when no server could tell: theirs, recorded.
        UPDATE publications SET state = 'published', confirmed_by = caller.id,
            url = coalesce(p_pub->>'url', ''), error = '',
            published_at = coalesce((p_pub->>'published_at')::timestamptz, clock_timestamp())
         WHERE id = p.id;
    ELSE
        PERFORM fail('SD403', 'Only the publisher records what happened to an official post.');
    END IF;
    SELECT * INTO p FROM publications WHERE id = p.id;
    PERFORM append_event(caller.id, p_action, p.id, described(p_details) || jsonb_build_object(
        'draft', p.draft_id, 'account', p.account_id, 'idempotency_key', p.idempotency_key,
        'attempt', p.attempts, 'state', p.state, 'remote_id', p.remote_id));
    PERFORM announce('publication', p.id, p.state);
END $$;

CREATE FUNCTION add_account(p_account jsonb, p_details jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    caller people := me();
BEGIN
    PERFORM require_publisher('add an official account');
    IF p_account->>'pane' IS DISTINCT FROM 'official' THEN
        PERFORM fail('SD403', 'Only official accounts are kept on the team server; personal '
                              'ones stay on their owner''s computer.');
    END IF;
    BEGIN
        INSERT INTO accounts (id, pane, platform, server, handle, display_name, created_at,
                              remote_id, limits)
        VALUES (p_account->>'id', p_account->>'pane', p_account->>'platform',
                p_account->>'server', p_account->>'handle',
                coalesce(p_account->>'display_name', ''), clock_timestamp(),
                coalesce(p_account->>'remote_id', ''),
                coalesce((p_account->>'limits')::jsonb, '{}'));
    EXCEPTION WHEN unique_violation THEN
        PERFORM fail('SD422', format('%s is already in SafeDesk.', p_account->>'handle'));
    END;
    PERFORM append_event(caller.id, 'account.add', p_account->>'id',
                         described(p_details) || jsonb_build_object('pane', 'official'));
    PERFORM announce('account', p_account->>'id');
END $$;

CREATE FUNCTION update_account(p_account jsonb, p_details jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    caller people := me();
BEGIN
    PERFORM require_publisher('change an official account');
    UPDATE accounts SET handle = p_account->>'handle',
        display_name = coalesce(p_account->>'display_name', ''),
        remote_id = coalesce(p_account->>'remote_id', ''),
        limits = coalesce((p_account->>'limits')::jsonb, '{}')
     WHERE id = p_account->>'id' AND removed_at IS NULL;
    PERFORM append_event(caller.id, 'account.refresh', p_account->>'id', described(p_details));
    PERFORM announce('account', p_account->>'id');
END $$;

CREATE FUNCTION remove_account(p_account_id text, p_details jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    caller people := me();
BEGIN
    PERFORM require_publisher('remove an official account');
    UPDATE accounts SET removed_at = clock_timestamp()
     WHERE id = p_account_id AND removed_at IS NULL;
    IF NOT FOUND THEN
        PERFORM fail('SD404', format('There is no account with id %L.', p_account_id));
    END IF;
    PERFORM append_event(caller.id, 'account.remove', p_account_id,
                         described(p_details) || jsonb_build_object('pane', 'official'));
    PERFORM announce('account', p_account_id);
END $$;

-- Events that change no row ("the scheduled time was missed"): the caller is the actor.
CREATE FUNCTION record_event(p_action text, p_subject text, p_details jsonb) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    caller people := me();
BEGIN
    IF p_action NOT IN ('draft.schedule_missed', 'person.auth_failed', 'incident.action_failed',
                        'incident.target_skipped', 'publication.checked') THEN
        PERFORM fail('SD422', format('%s cannot be recorded on its own.', p_action));
    END IF;
    RETURN append_event(caller.id, p_action, p_subject, described(p_details));
END $$;

-- People: added by an admin, who also creates their login (safedesk team add-person).
CREATE FUNCTION add_person(p_person jsonb, p_login text, p_details jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    caller people;
    actor text;
    lone boolean;
BEGIN
    IF (SELECT count(*) FROM people) = 0 THEN
        -- The first person is the admin whoever ran `team init` names; no one can act before.
        IF NOT pg_has_role(session_user, 'safedesk_owner', 'MEMBER') THEN
            PERFORM fail('SD403', 'Only the role that set up the team names its first admin.');
        END IF;
        actor := 'setup';
    ELSE
        caller := me();
        PERFORM require_admin(caller, 'add people');
        actor := caller.id;
    END IF;
    -- Appointing an approver or admin: at once (flagged "alone") while one admin exists,
    -- otherwise the person starts as an author until a second admin confirms.
    lone := actor = 'setup' OR enabled_admins() < 2;
    BEGIN
        INSERT INTO people (id, name, name_key, role, login, created_at)
        VALUES (p_person->>'id', p_person->>'name', p_person->>'name_key',
                CASE WHEN lone THEN p_person->>'role' ELSE 'author' END, p_login,
                clock_timestamp());
    EXCEPTION WHEN unique_violation THEN
        PERFORM fail('SD422', format('There is already a person called %L or with login %L.',
                                     p_person->>'name', p_login));
    END;
    IF p_person->>'role' IN ('approver', 'admin') AND actor <> 'setup' THEN
        INSERT INTO grants (id, person_id, role, granted_by, granted_at, alone)
        VALUES (gen_random_uuid()::text, p_person->>'id', p_person->>'role', actor,
                clock_timestamp(), lone::integer);
    END IF;
    PERFORM append_event(actor, 'person.add', p_person->>'id',
                         described(p_details) || jsonb_build_object(
                             'name', p_person->>'name', 'role', p_person->>'role'));
    PERFORM announce('person', p_person->>'id');
END $$;

-- An admin changes someone's role, name or standing. Raising someone to approver or admin is an
-- appointment "alone" until a second admin confirms it; no one changes their own role.
CREATE FUNCTION change_person(p_person_id text, p_change text, p_value text, p_details jsonb)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    caller people := me();
    target people;
    pending grants;
    lone boolean;
BEGIN
    PERFORM require_admin(caller, 'change people');
    SELECT * INTO target FROM people WHERE id = p_person_id FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM fail('SD404', format('There is no person with id %L.', p_person_id));
    END IF;
    IF p_change = 'role' THEN
        IF target.id = caller.id THEN
            PERFORM fail('SD403', 'No one changes their own role; ask another admin.');
        END IF;
        IF p_value NOT IN ('author', 'approver', 'admin') THEN
            PERFORM fail('SD422', format('%s is not a role.', p_value));
        END IF;
        IF target.role = 'admin' AND p_value <> 'admin' AND enabled_admins() < 2 THEN
            PERFORM fail('SD403', format('%s is the last admin; make someone else an admin '
                                         'first.', target.name));
        END IF;
        -- Whatever waited for this person is replaced by this decision; lowering to author
        -- also ends the appointment in effect (core/appointments.py).
        UPDATE grants SET closed_at = clock_timestamp()
         WHERE person_id = target.id AND closed_at IS NULL
           AND ((alone = 0 AND confirmed_by = '') OR p_value = 'author');
        IF rank(p_value) > rank(target.role) AND p_value IN ('approver', 'admin') THEN
            -- An appointment: in effect at once (and flagged "alone") only while one admin
            -- exists; otherwise it waits for a second admin's confirmation.
            lone := enabled_admins() < 2;
            INSERT INTO grants (id, person_id, role, granted_by, granted_at, alone)
            VALUES (coalesce(p_details->>'grant', gen_random_uuid()::text), target.id, p_value,
                    caller.id, clock_timestamp(), lone::integer);
            IF lone THEN
                UPDATE people SET role = p_value WHERE id = target.id;
            END IF;
            PERFORM append_event(caller.id, 'person.grant', target.id, jsonb_build_object(
                'from', target.role, 'to', p_value, 'alone', lone,
                'grant', coalesce(p_details->>'grant', '')));
        ELSE
            UPDATE people SET role = p_value WHERE id = target.id;
            PERFORM append_event(caller.id, 'person.role', target.id,
                                 jsonb_build_object('from', target.role, 'to', p_value));
        END IF;
    ELSIF p_change = 'confirm' THEN
        SELECT * INTO pending FROM grants
         WHERE person_id = target.id AND closed_at IS NULL AND confirmed_by = ''
         ORDER BY granted_at DESC LIMIT 1 FOR UPDATE;
        IF pending.id IS NULL THEN
            PERFORM fail('SD404', format('%s has no appointment waiting to be confirmed.',
                                         target.name));
        END IF;
        IF pending.granted_by = caller.id OR target.id = caller.id THEN
            PERFORM fail('SD403', 'A second admin, not the one who appointed them and not the '
                                  'person appointed, confirms an appointment.');
        END IF;
        UPDATE grants SET confirmed_by = caller.id, confirmed_at = clock_timestamp()
         WHERE id = pending.id;
        UPDATE people SET role = pending.role WHERE id = target.id;
        PERFORM append_event(caller.id, 'person.confirm', target.id,
                             jsonb_build_object('role', pending.role, 'grant', pending.id));
    ELSIF p_change IN ('disable', 'enable') THEN
        IF target.id = caller.id THEN
            PERFORM fail('SD403', 'No one disables themselves; ask another admin.');
        END IF;
        IF p_change = 'disable' AND target.role = 'admin' AND enabled_admins() < 2 THEN
            PERFORM fail('SD403', format('%s is the last admin and cannot be disabled.',
                                         target.name));
        END IF;
        UPDATE people SET disabled_at = CASE WHEN p_change = 'disable' THEN clock_timestamp() END
         WHERE id = target.id;
        PERFORM append_event(caller.id, 'person.' || p_change, target.id, described(p_details));
    ELSIF p_change = 'rename' THEN
        UPDATE people SET name = p_value, name_key = p_details->>'name_key' WHERE id = target.id;
        PERFORM append_event(caller.id, 'person.rename', target.id,
                             jsonb_build_object('from', target.name, 'to', p_value));
    ELSE
        PERFORM fail('SD422', format('%s is not a change to a person.', p_change));
    END IF;
    PERFORM announce('person', target.id);
END $$;

-- A template's words under their version, which must be the SHA-256 of the words
-- (core/templates.py: NFC, \n line endings, trimmed).
CREATE FUNCTION keep_template_words(p_name text, p_language text, p_text text, p_version text)
RETURNS void
LANGUAGE plpgsql SET search_path = safedesk, pg_temp AS $$
BEGIN
    IF p_text IS NULL OR encode(sha256(convert_to(regexp_replace(normal_text(p_text),
                                                                 '^\s+|\s+$', '', 'g'),
                                                  'UTF8')), 'hex') IS DISTINCT FROM p_version THEN
        PERFORM fail('SD422', 'A template''s version must be the SHA-256 of its text.');
    END IF;
    INSERT INTO template_texts (version, name, language, text)
    VALUES (p_version, p_name, p_language, p_text) ON CONFLICT (version) DO NOTHING;
END $$;

CREATE FUNCTION add_template_version(p_template jsonb, p_details jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    caller people := me();
BEGIN
    PERFORM require_admin(caller, 'change templates');
    PERFORM keep_template_words(p_template->>'name', p_template->>'language',
                                p_template->>'text', p_template->>'version');
    INSERT INTO templates (id, name, language, version, text, editor_id, saved_at)
    VALUES (gen_random_uuid()::text, p_template->>'name', p_template->>'language',
            p_template->>'version', p_template->>'text', caller.id, clock_timestamp());
    PERFORM append_event(caller.id, 'template.save',
                         (p_template->>'name') || '.' || (p_template->>'language'),
                         described(p_details) || jsonb_build_object(
                             'version', p_template->>'version'));
    PERFORM announce('template', p_template->>'name');
END $$;

CREATE FUNCTION add_preapproval(p_pre jsonb, p_details jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    caller people := me();
    t templates;
BEGIN
    IF caller.role NOT IN ('approver', 'admin') THEN
        PERFORM fail('SD403', format('%s is an %s; only approvers and admins pre-approve.',
                                     caller.name, caller.role));
    END IF;
    PERFORM check_standing(caller);
    -- The words signed come with the signature, checked against the version they claim to be.
    IF p_details ? 'text' THEN
        PERFORM keep_template_words(p_pre->>'name', p_pre->>'language', p_details->>'text',
                                    p_pre->>'version');
    ELSIF NOT EXISTS (SELECT 1 FROM template_texts WHERE version = p_pre->>'version'
                                                     AND name = p_pre->>'name'
                                                     AND language = p_pre->>'language') THEN
        PERFORM fail('SD422', 'The team server does not hold the words of that template '
                              'version; pre-approve it from a desk that shows them.');
    END IF;
    SELECT * INTO t FROM templates WHERE name = p_pre->>'name' AND language = p_pre->>'language'
       AND version = p_pre->>'version' ORDER BY seq DESC LIMIT 1;
    IF t.id IS NOT NULL AND t.editor_id = caller.id THEN
        PERFORM fail('SD410', format('%s last edited this template, so cannot pre-approve it.',
                                     caller.name));
    END IF;
    BEGIN
        INSERT INTO template_preapprovals (id, name, language, version, approver_id, approved_at,
                                           comment)
        VALUES (p_pre->>'id', p_pre->>'name', p_pre->>'language', p_pre->>'version', caller.id,
                clock_timestamp(), coalesce(p_pre->>'comment', ''));
    EXCEPTION WHEN unique_violation THEN
        PERFORM fail('SD422', 'You have already pre-approved this version.');
    END;
    PERFORM append_event(caller.id, 'template.preapprove',
                         (p_pre->>'name') || '.' || (p_pre->>'language'),
                         described(p_details) || jsonb_build_object(
                             'version', p_pre->>'version', 'preapproval', p_pre->>'id'));
    PERFORM announce('template', p_pre->>'name');
END $$;

CREATE FUNCTION add_incident(p_incident jsonb, p_targets jsonb, p_details jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    caller people := me();
    t jsonb;
BEGIN
    BEGIN
        INSERT INTO incidents (id, pane, kind, original_draft_id, correction_draft_id, opened_by,
                               opened_at, original_action, note, template_name,
                               template_language, template_version, fields, route,
                               preapproval_id, queue_reason, flags, imported)
        VALUES (p_incident->>'id', 'official', p_incident->>'kind',
                p_incident->>'original_draft_id', p_incident->>'correction_draft_id', caller.id,
                clock_timestamp(), p_incident->>'original_action',
                coalesce(p_incident->>'note', ''), coalesce(p_incident->>'template_name', ''),
                coalesce(p_incident->>'template_language', ''),
                coalesce(p_incident->>'template_version', ''),
                coalesce((p_incident->>'fields')::jsonb, '{}'), p_incident->>'route',
                coalesce(p_incident->>'preapproval_id', ''),
                coalesce(p_incident->>'queue_reason', ''),
                coalesce((p_incident->>'flags')::jsonb, '[]'),
                coalesce((p_incident->>'imported')::integer, 0));
    EXCEPTION WHEN unique_violation THEN
        PERFORM fail('SD409', 'This correction has already been published. Look at its incident.');
    END;
    FOR t IN SELECT jsonb_array_elements(coalesce(p_targets, '[]')) LOOP
        INSERT INTO incident_targets (incident_id, account_id, original_publication_id, action,
                                      state, detail)
        VALUES (p_incident->>'id', t->>'account_id', t->>'original_publication_id',
                t->>'action', t->>'state', coalesce(t->>'detail', ''));
    END LOOP;
    PERFORM append_event(caller.id, 'incident.open', p_incident->>'id', described(p_details));
    PERFORM announce('incident', p_incident->>'id');
END $$;

CREATE FUNCTION update_incident(p_incident jsonb, p_action text, p_details jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    caller people := me();
BEGIN
    UPDATE incidents SET route = p_incident->>'route',
        preapproval_id = coalesce(p_incident->>'preapproval_id', ''),
        queue_reason = coalesce(p_incident->>'queue_reason', ''),
        flags = coalesce((p_incident->>'flags')::jsonb, '[]')
     WHERE id = p_incident->>'id';
    IF NOT FOUND THEN
        PERFORM fail('SD404', format('There is no incident with id %L.', p_incident->>'id'));
    END IF;
    PERFORM append_event(caller.id, CASE WHEN p_action LIKE 'incident.%' THEN p_action
                                         ELSE 'incident.update' END,
                         p_incident->>'id', described(p_details));
    PERFORM announce('incident', p_incident->>'id');
END $$;

-- What was done to an original post (kept, deleted, edited): the publisher acts on the platform.
CREATE FUNCTION record_action(p_incident_id text, p_target jsonb, p_pub jsonb, p_action text,
                              p_details jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    caller people := me();
    t incident_targets;
    details jsonb;
BEGIN
    IF p_pub IS NOT NULL OR p_target->>'action' IN ('delete', 'edit') THEN
        PERFORM require_publisher('delete or change a published official post');
    END IF;
    UPDATE incident_targets SET action = p_target->>'action', state = p_target->>'state',
        detail = coalesce(p_target->>'detail', ''),
        acted_at = (p_target->>'acted_at')::timestamptz, acted_by = caller.id
     WHERE incident_id = p_incident_id AND account_id = p_target->>'account_id'
    RETURNING * INTO t;
    IF t.incident_id IS NULL THEN
        PERFORM fail('SD404', format('Incident %L has no account %L.', p_incident_id,
                                     p_target->>'account_id'));
    END IF;
    IF p_pub IS NOT NULL THEN
        IF p_pub->>'id' IS DISTINCT FROM t.original_publication_id THEN
            PERFORM fail('SD422', 'An incident''s action changes only the original post it '
                                  'was opened for.');
        END IF;
        UPDATE publications SET state = p_pub->>'state', url = coalesce(p_pub->>'url', url)
         WHERE id = t.original_publication_id;
    END IF;
    -- Which original, and (for an action on it) the state it is left in, as stored here: what
    -- `audit verify` holds the publications table to.
    details := described(p_details) || jsonb_build_object(
        'account', t.account_id, 'publication', t.original_publication_id);
    IF p_action LIKE 'original.%' THEN
        details := details || jsonb_build_object('state', (
            SELECT state FROM publications WHERE id = t.original_publication_id));
    END IF;
    PERFORM append_event(caller.id, p_action, p_incident_id, details);
    PERFORM announce('incident', p_incident_id);
END $$;

-- A login of its own for a new person, made by the schema's owner on an admin's behalf, so that
-- admins need no CREATEROLE. The client sends a SCRAM verifier, never the password itself; with
-- none, the person signs in with a client certificate whose common name is the login.
CREATE FUNCTION create_login(p_login text, p_role text, p_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    caller people;
BEGIN
    IF (SELECT count(*) FROM people) = 0 THEN
        IF NOT pg_has_role(session_user, 'safedesk_owner', 'MEMBER') THEN
            PERFORM fail('SD403', 'Only the role that set up the team names its first admin.');
        END IF;
    ELSE
        caller := me();
        PERFORM require_admin(caller, 'add people');
    END IF;
    IF p_role NOT IN ('author', 'approver', 'admin', 'publisher') THEN
        PERFORM fail('SD422', format('%s is not a team role.', p_role));
    END IF;
    IF p_verifier IS NOT NULL AND p_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        PERFORM fail('SD422', 'A password is sent as a SCRAM-SHA-256 verifier.');
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
        PERFORM fail('SD422', format('The login %s already exists; choose another.', p_login));
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', p_login, p_verifier);
    EXECUTE format('GRANT %I TO %I', 'safedesk_' || p_role, p_login);
END $$;

CREATE FUNCTION beat(p_host text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
BEGIN
    PERFORM me();
    PERFORM require_publisher('report as the publisher');
    INSERT INTO publishers (login, host, started_at, beat_at)
    VALUES (session_user, p_host, clock_timestamp(), clock_timestamp())
    ON CONFLICT (login) DO UPDATE SET host = excluded.host, beat_at = excluded.beat_at;
END $$;

CREATE FUNCTION whoami() RETURNS TABLE (person_id text, name text, role text, publisher boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
    SELECT id, name, role, is_publisher() FROM people WHERE login = session_user
$$;
