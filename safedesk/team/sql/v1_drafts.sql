-- Team mode, version 1: drafts, approvals and the start of publishing.

-- Images named by a draft must be on the server; schema 2 (v2_media.sql) keeps them and replaces
-- this with the real check.
CREATE FUNCTION check_media(p_content jsonb) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = safedesk, pg_temp AS $$
BEGIN
END $$;

CREATE FUNCTION check_targets(p_content jsonb) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = safedesk, pg_temp AS $$
DECLARE
    target text;
BEGIN
    IF jsonb_typeof(p_content->'targets') IS DISTINCT FROM 'array' THEN
        PERFORM fail('SD422', 'A draft''s targets must be a list of accounts.');
    END IF;
    FOR target IN SELECT jsonb_array_elements_text(p_content->'targets') LOOP
        PERFORM 1 FROM accounts WHERE id = target AND removed_at IS NULL;
        IF NOT FOUND THEN
            PERFORM fail('SD403', format('%s is not an official account of this team; an official '
                                         'post can only go to official accounts.', target));
        END IF;
    END LOOP;
    PERFORM check_media(p_content);
END $$;

CREATE FUNCTION store_targets(p_draft_id text, p_content jsonb) RETURNS void
LANGUAGE sql SET search_path = safedesk, pg_temp AS $$
    DELETE FROM draft_targets WHERE draft_id = p_draft_id;
    INSERT INTO draft_targets (draft_id, account_id)
    SELECT DISTINCT p_draft_id, jsonb_array_elements_text(p_content->'targets');
$$;

-- Whether an approver's word counts now (safedesk/core/appointments.py, standing): an
-- appointment one admin made alone counts only while no second admin exists to confirm it.
CREATE FUNCTION check_standing(approver people) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = safedesk, pg_temp AS $$
DECLARE
    held grants;
BEGIN
    SELECT * INTO held FROM grants
     WHERE person_id = approver.id AND closed_at IS NULL AND (alone = 1 OR confirmed_by <> '')
       AND (role = 'admin' OR role = approver.role)
     ORDER BY granted_at DESC LIMIT 1;
    IF held.id IS NOT NULL AND held.confirmed_by = '' AND (
            SELECT count(*) FROM people WHERE role = 'admin' AND disabled_at IS NULL) >= 2 THEN
        PERFORM fail('SD403', format('One admin alone appointed %s as %s. Now that there is a '
                                     'second admin, another admin must confirm the appointment '
                                     'before %s approves.', approver.name, held.role,
                                     approver.name));
    END IF;
END $$;

-- Rule 3: someone who wrote or changed the content never decides on it, whatever their role.
CREATE FUNCTION check_second_person(approver people, d drafts) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = safedesk, pg_temp AS $$
BEGIN
    IF approver.role NOT IN ('approver', 'admin') THEN
        PERFORM fail('SD403', format('%s is an %s; only approvers and admins can approve.',
                                     approver.name, approver.role));
    END IF;
    IF approver.disabled_at IS NOT NULL THEN
        PERFORM fail('SD403', format('%s has been disabled; their approval does not count.',
                                     approver.name));
    END IF;
    PERFORM check_standing(approver);
    IF approver.id = d.author_id THEN
        PERFORM fail('SD410', format('%s wrote this post, so cannot approve it. A second person '
                                     'must approve every official post.', approver.name));
    END IF;
    IF d.editors ? approver.id THEN
        PERFORM fail('SD410', format('%s edited this post, so cannot approve it. Someone who has '
                                     'not changed it must approve it.', approver.name));
    END IF;
END $$;

CREATE FUNCTION void_live_approval(p_draft_id text, p_at timestamptz) RETURNS jsonb
LANGUAGE plpgsql SET search_path = safedesk, pg_temp AS $$
DECLARE
    voided approvals;
BEGIN
    UPDATE approvals SET voided_at = p_at WHERE draft_id = p_draft_id AND voided_at IS NULL
    RETURNING * INTO voided;
    IF voided.id IS NULL THEN
        RETURN '{}'::jsonb;
    END IF;
    RETURN jsonb_build_object('voided_approval', voided.id, 'voided_digest', voided.digest);
END $$;

-- A template with its placeholders as "anything": what a pre-approval of it lets through.
CREATE FUNCTION template_pattern(p_words text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = safedesk, pg_temp AS $$
    SELECT '^' || regexp_replace(
               regexp_replace(normal_text(p_words), '([.^$|?*+()\[\]{}\\])', '\\\1', 'g'),
               '\\\{[^{}]*\\\}', '(.*)', 'g') || '$'
$$;

-- Rules 2 and 3 for a pre-approved template (safedesk/core/rules.py,
-- check_preapproved_template): the words are exactly that version's with only its placeholders
-- filled, no warning, images or schedule, no claim of a hack, and the approver did not write
-- the template's words themselves.
CREATE FUNCTION check_preapproved_words(d drafts, pre template_preapprovals, approver people)
RETURNS void
LANGUAGE plpgsql STABLE SET search_path = safedesk, pg_temp AS $$
DECLARE
    words template_texts;
BEGIN
    SELECT * INTO words FROM template_texts
     WHERE version = pre.version AND name = pre.name AND language = pre.language;
    IF NOT FOUND THEN
        PERFORM fail('SD403', 'The words of that pre-approved template are not on the team '
                              'server, so a second person must approve this correction.');
    END IF;
    IF EXISTS (SELECT 1 FROM templates WHERE version = pre.version
                                         AND editor_id = approver.id) THEN
        PERFORM fail('SD410', format('%s wrote this template version, so their pre-approval '
                                     'of it does not count.', approver.name));
    END IF;
    IF btrim(coalesce(d.content->>'content_warning', '')) <> '' THEN
        PERFORM fail('SD403', 'A pre-approved template covers its words only: a correction '
                              'with a content warning needs a second person.');
    END IF;
    IF normal_text(d.content->>'text') !~ template_pattern(words.text) THEN
        PERFORM fail('SD403', 'The text is not the pre-approved template with only its '
                              'placeholders filled, so a second person must approve it.');
    END IF;
    IF claims_a_hack(d.content->>'text') THEN
        PERFORM fail('SD403', 'The text claims the account was hacked or misused. Such a claim '
                              'always goes to an approver.');
    END IF;
END $$;

-- What content may look like: the shape of codec.content_json, so that no login can store a
-- draft that desks cannot read (which would stop every desk listing drafts).
CREATE FUNCTION check_content(c jsonb) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = safedesk, pg_temp AS $$
DECLARE
    item jsonb;
BEGIN
    IF jsonb_typeof(c) IS DISTINCT FROM 'object'
       OR EXISTS (SELECT 1 FROM jsonb_object_keys(c) AS k
                  WHERE k NOT IN ('text', 'targets', 'content_warning', 'language', 'media',
                                  'schedule_at', 'reply_to', 'visibility', 'cw_on_bluesky'))
       OR jsonb_typeof(c->'text') IS DISTINCT FROM 'string'
       OR jsonb_typeof(coalesce(c->'content_warning', '""')) <> 'string'
       OR jsonb_typeof(coalesce(c->'language', '""')) <> 'string'
       OR jsonb_typeof(coalesce(c->'media', '[]')) <> 'array'
       OR jsonb_typeof(coalesce(c->'reply_to', 'null')) NOT IN ('string', 'null')
       OR coalesce(c->>'visibility', 'public') NOT IN ('public', 'unlisted', 'private', 'direct')
       OR coalesce(c->>'cw_on_bluesky', 'refuse') NOT IN ('refuse', 'prepend', 'drop')
       OR jsonb_typeof(coalesce(c->'schedule_at', 'null')) NOT IN ('string', 'null')
       OR (c->>'schedule_at' IS NOT NULL
           AND c->>'schedule_at' !~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?([+-]\d\d:\d\d|Z)$')
    THEN
        PERFORM fail('SD422', 'This draft''s content is not in the form SafeDesk writes.');
    END IF;
    FOR item IN SELECT jsonb_array_elements(coalesce(c->'media', '[]')) LOOP
        IF jsonb_typeof(item) IS DISTINCT FROM 'object'
           OR EXISTS (SELECT 1 FROM jsonb_object_keys(item) AS k
                      WHERE k NOT IN ('sha256', 'mime_type', 'alt_text', 'filename', 'animated'))
           OR coalesce(item->>'sha256', '') !~ '^[0-9a-f]{64}$'
           OR jsonb_typeof(item->'mime_type') IS DISTINCT FROM 'string'
           OR jsonb_typeof(coalesce(item->'alt_text', '""')) <> 'string'
           OR jsonb_typeof(coalesce(item->'filename', '""')) <> 'string'
           OR jsonb_typeof(coalesce(item->'animated', 'false')) <> 'boolean' THEN
            PERFORM fail('SD422', 'An image of this draft is not described as SafeDesk writes '
                                  'images.');
        END IF;
    END LOOP;
END $$;

-- A new official draft (or a copy from the other pane, or a record of a post made elsewhere).
CREATE FUNCTION create_draft(p_draft jsonb, p_action text, p_details jsonb,
                             p_publications jsonb DEFAULT '[]') RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    caller people := me();
    at timestamptz := date_trunc('microseconds', clock_timestamp());
    content jsonb := p_draft->'content';
    is_import boolean := p_action = 'import';
    pub jsonb;
    details jsonb;
BEGIN
    IF p_action NOT IN ('create', 'copy_to_pane', 'import') THEN
        PERFORM fail('SD422', format('%s does not make a new draft.', p_action));
    END IF;
    IF coalesce(p_draft->>'pane', '') <> 'official' THEN
        PERFORM fail('SD403', 'Only official drafts are kept on the team server; personal ones '
                              'stay on their author''s computer.');
    END IF;
    PERFORM 1 FROM drafts WHERE id = p_draft->>'id';
    IF FOUND THEN
        PERFORM fail('SD409', 'This draft already exists.');
    END IF;
    PERFORM check_content(content);
    PERFORM check_targets(content);
    INSERT INTO drafts (id, pane, author_id, content, digest, state, version, editors,
                        last_editor_id, decision_note, urgent, imported, created_at, updated_at)
    VALUES (p_draft->>'id', 'official', caller.id, content, content_digest(content),
            CASE WHEN is_import THEN 'published' ELSE 'draft' END, 1,
            jsonb_build_array(caller.id), caller.id, '', 0, is_import::integer, at, at);
    PERFORM store_targets(p_draft->>'id', content);
    details := jsonb_build_object('pane', 'official', 'digest', content_digest(content),
                                  'state', CASE WHEN is_import THEN 'published' ELSE 'draft' END,
                                  'at', format_time(at)) || described(p_details);
    IF is_import THEN
        FOR pub IN SELECT jsonb_array_elements(coalesce(p_publications, '[]')) LOOP
            IF NOT content->'targets' ? (pub->>'account_id') THEN
                PERFORM fail('SD403', 'An imported post must belong to one of the record''s '
                                      'accounts.');
            END IF;
            INSERT INTO publications (id, draft_id, account_id, pane, idempotency_key, state,
                                      remote_id, url, published_at, remote_uri, remote_cid,
                                      imported)
            VALUES (pub->>'id', p_draft->>'id', pub->>'account_id', 'official',
                    'imported:' || (pub->>'account_id') || ':' || (pub->>'remote_id'),
                    'published', pub->>'remote_id', coalesce(pub->>'url', ''),
                    coalesce((pub->>'published_at')::timestamptz, at),
                    coalesce(pub->>'remote_uri', ''), coalesce(pub->>'remote_cid', ''), 1);
        END LOOP;
        details := details || jsonb_build_object('publications', coalesce(
            (SELECT jsonb_object_agg(account_id, CASE WHEN url <> '' THEN url ELSE remote_id END)
             FROM publications WHERE draft_id = p_draft->>'id'), '{}'::jsonb));
    END IF;
    PERFORM append_event(caller.id, 'draft.' || p_action, p_draft->>'id', details);
    PERFORM announce('draft', p_draft->>'id', CASE WHEN is_import THEN 'published' ELSE 'draft' END,
                     1);
END $$;

-- Every later change to a draft: a compare-and-set on its version, held to the lifecycle table
-- and to the rules of the action. Only an edit changes the content, and an edit voids any
-- approval; every other action keeps the stored content whatever the client sends.
CREATE FUNCTION change_draft(p_draft jsonb, p_expected integer, p_action text,
                             p_details jsonb, p_publications jsonb DEFAULT '[]') RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    caller people := me();
    d drafts;
    at timestamptz := date_trunc('microseconds', clock_timestamp());
    new_state text;
    new_version integer;
    details jsonb := described(p_details);
    approval jsonb := p_draft->'approval';
    approver people;
    pre template_preapprovals;
    pub jsonb;
    live approvals;
    old_state text;
BEGIN
    SELECT * INTO d FROM drafts WHERE id = p_draft->>'id' FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM fail('SD404', format('There is no draft with id %L.', p_draft->>'id'));
    END IF;
    IF d.version <> p_expected THEN
        PERFORM fail('SD409', 'Someone else changed this post a moment ago, so your action was '
                              'not applied. Look at the post again.');
    END IF;
    SELECT next INTO new_state FROM transitions WHERE state = d.state AND action = p_action;
    IF new_state IS NULL THEN
        PERFORM fail('SD423', format('Cannot %s an official post that is %s.',
                                     replace(p_action, '_', ' '), replace(d.state, '_', ' ')));
    END IF;
    IF coalesce(p_draft->>'state', new_state) <> new_state THEN
        PERFORM fail('SD423', format('%s leads to %s here, not %s.', p_action, new_state,
                                     p_draft->>'state'));
    END IF;
    new_version := d.version + 1;
    old_state := d.state;

    IF p_action = 'edit' THEN
        IF caller.id <> d.author_id AND caller.role NOT IN ('approver', 'admin') THEN
            PERFORM fail('SD403', format('Only the author or a reviewer can edit this post; %s '
                                         'is neither.', caller.name));
        END IF;
        PERFORM check_content(p_draft->'content');
        PERFORM check_targets(p_draft->'content');
        details := details || void_live_approval(d.id, at);
        UPDATE drafts SET content = p_draft->'content',
                          digest = content_digest(p_draft->'content'),
                          editors = CASE WHEN editors ? caller.id THEN editors
                                         ELSE editors || to_jsonb(caller.id) END,
                          last_editor_id = caller.id
         WHERE id = d.id;
        PERFORM store_targets(d.id, p_draft->'content');
    ELSIF p_action IN ('submit', 'withdraw') THEN
        IF caller.id <> d.author_id THEN
            PERFORM fail('SD403', format('Only the author can %s this post.', p_action));
        END IF;
        details := details || void_live_approval(d.id, at);
        IF p_action = 'submit' THEN
            UPDATE drafts SET submitted_at = at, decision_note = '',
                              urgent = coalesce((p_draft->>'urgent')::integer, 0)
             WHERE id = d.id;
            details := details || jsonb_build_object(
                'urgent', coalesce((p_draft->>'urgent')::integer, 0) = 1);
        END IF;
    ELSIF p_action = 'approve' THEN
        PERFORM check_second_person(caller, d);
        IF approval IS NULL OR approval->>'digest' IS DISTINCT FROM d.digest THEN
            PERFORM fail('SD409', 'This post changed after you opened it. Review the new version '
                                  'before approving.');
        END IF;
        INSERT INTO approvals (id, draft_id, approver_id, digest, version, approved_at, comment,
                               flag)
        VALUES (approval->>'id', d.id, caller.id, d.digest, new_version, at,
                coalesce(approval->>'comment', ''), coalesce(approval->>'flag', ''));
        UPDATE drafts SET decision_note = coalesce(approval->>'comment', '') WHERE id = d.id;
        details := details || jsonb_build_object('approval', approval->>'id');
    ELSIF p_action = 'approve_by_preapproval' THEN
        SELECT * INTO pre FROM template_preapprovals WHERE id = p_details->>'preapproval';
        IF NOT FOUND OR pre.approver_id IS DISTINCT FROM approval->>'approver_id' THEN
            PERFORM fail('SD403', 'That pre-approval does not exist or was given by someone '
                                  'else.');
        END IF;
        SELECT * INTO approver FROM people WHERE id = pre.approver_id;
        PERFORM check_second_person(approver, d);
        IF d.content->>'reply_to' IS NULL OR jsonb_array_length(d.content->'media') > 0
           OR coalesce(d.content->>'schedule_at', '') <> '' THEN
            PERFORM fail('SD403', 'A pre-approved template is only for a correction that replies '
                                  'to the original, with no images and no schedule.');
        END IF;
        IF approval->>'digest' IS DISTINCT FROM d.digest THEN
            PERFORM fail('SD409', 'This post changed after it was prepared. Prepare it again.');
        END IF;
        PERFORM check_preapproved_words(d, pre, approver);
        INSERT INTO approvals (id, draft_id, approver_id, digest, version, approved_at, comment,
                               flag)
        VALUES (approval->>'id', d.id, approver.id, d.digest, new_version, at,
                coalesce(approval->>'comment', ''), coalesce(approval->>'flag', ''));
        UPDATE drafts SET decision_note = coalesce(approval->>'comment', '') WHERE id = d.id;
        details := details || jsonb_build_object(
            'approval', approval->>'id', 'approver', approver.id, 'preapproval', pre.id,
            'template', pre.name, 'language', pre.language, 'template_version', pre.version);
    ELSIF p_action IN ('reject', 'request_changes') THEN
        PERFORM check_second_person(caller, d);
        IF btrim(coalesce(p_draft->>'decision_note', '')) = '' THEN
            PERFORM fail('SD422', 'Say why, so the author knows what to change.');
        END IF;
        UPDATE drafts SET decision_note = btrim(p_draft->>'decision_note') WHERE id = d.id;
        details := details || jsonb_build_object('reason', btrim(p_draft->>'decision_note'));
    ELSIF p_action = 'start_publish' THEN
        PERFORM require_publisher('publish an official post');
        SELECT * INTO live FROM approvals WHERE draft_id = d.id AND voided_at IS NULL;
        IF live.id IS NULL OR live.digest <> d.digest THEN
            PERFORM fail('SD403', 'This post has no approval for its current content, so it '
                                  'cannot be published.');
        END IF;
        SELECT * INTO approver FROM people WHERE id = live.approver_id;
        PERFORM check_second_person(approver, d);
        FOR pub IN SELECT jsonb_array_elements(coalesce(p_publications, '[]')) LOOP
            IF NOT d.content->'targets' ? (pub->>'account_id') THEN
                PERFORM fail('SD403', 'A publication must go to one of the draft''s own '
                                      'targets.');
            END IF;
            INSERT INTO publications (id, draft_id, account_id, pane, idempotency_key, state)
            VALUES (pub->>'id', d.id, pub->>'account_id', 'official', pub->>'idempotency_key',
                    'pending');
        END LOOP;
        UPDATE drafts SET claimed_by = session_user WHERE id = d.id;
        details := details || jsonb_build_object('approval', live.id);
        IF jsonb_array_length(coalesce(p_publications, '[]')) > 0 THEN
            details := details || jsonb_build_object('publications', (
                SELECT jsonb_object_agg(p->>'account_id', p->>'idempotency_key')
                FROM jsonb_array_elements(p_publications) AS p));
        END IF;
    ELSIF p_action IN ('publish_succeeded', 'publish_failed', 'publish_unknown') THEN
        PERFORM require_publisher('record how publishing went');
        UPDATE drafts SET decision_note = coalesce(p_draft->>'decision_note', '') WHERE id = d.id;
        IF p_action = 'publish_succeeded' THEN
            UPDATE publishers SET last_publish_at = at WHERE login = session_user;
        END IF;
    ELSIF p_action IN ('void_approval', 'return_to_draft') THEN
        PERFORM require_admin(caller, 'take a decision back');
        details := details || void_live_approval(d.id, at);
        UPDATE drafts SET decision_note = coalesce(p_draft->>'decision_note', '') WHERE id = d.id;
    ELSE
        PERFORM fail('SD422', format('Unknown action %s.', p_action));
    END IF;

    UPDATE drafts SET state = new_state, version = new_version, updated_at = at WHERE id = d.id;
    SELECT * INTO d FROM drafts WHERE id = d.id;
    details := details || jsonb_build_object('from', old_state, 'to', new_state,
                                             'digest', d.digest, 'version', new_version,
                                             'at', format_time(at));
    PERFORM append_event(caller.id, 'draft.' || p_action, d.id, details);
    PERFORM announce('draft', d.id, new_state, new_version);
END $$;
