-- Team mode, version 8: shares of someone else's post (safedesk/core/models.py Share, issue 17).
-- A draft's content may carry "share": how it is shared (a boost or a quote under the text) and
-- the post as a server showed it when it was read (codec._share_json). The digest covers how it
-- is shared, the post's URI and content hash (the version read), and its author and text as the
-- approver saw them, under the key 'share', added only when there is one, so every other post
-- keeps the digest it always had. When the shared post changed after approval, the publisher
-- voids the approval and sends the share back to its author ('shared_post_changed').

-- The shape of content now includes the share; the check of version 7 is kept under a new name
-- and called for everything else.
ALTER FUNCTION check_content(jsonb) RENAME TO check_content_v7;
REVOKE ALL ON FUNCTION check_content_v7(jsonb) FROM PUBLIC;

CREATE FUNCTION check_content(c jsonb) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = safedesk, pg_temp AS $$
DECLARE
    s jsonb := c->'share';
BEGIN
    IF s IS NOT NULL AND (
           jsonb_typeof(s) IS DISTINCT FROM 'object'
           OR EXISTS (SELECT 1 FROM jsonb_object_keys(s) AS k
                      WHERE k NOT IN ('kind', 'platform', 'uri', 'url', 'content_hash', 'author',
                                      'author_id', 'text', 'via_account', 'remote_id',
                                      'author_name', 'created_at', 'edited_at', 'media',
                                      'labels', 'cid'))
           OR coalesce(s->>'kind', '') NOT IN ('boost', 'quote')
           OR coalesce(s->>'platform', '') NOT IN ('mastodon', 'bluesky')
           OR EXISTS (SELECT 1 FROM unnest(ARRAY['uri', 'url', 'content_hash', 'author',
                                                 'author_id', 'text', 'via_account',
                                                 'remote_id', 'author_name', 'cid']) AS k
                      WHERE jsonb_typeof(s->k) IS DISTINCT FROM 'string')
           OR jsonb_typeof(coalesce(s->'created_at', 'null')) NOT IN ('string', 'null')
           OR jsonb_typeof(coalesce(s->'edited_at', 'null')) NOT IN ('string', 'null')
           OR jsonb_typeof(s->'media') IS DISTINCT FROM 'array'
           OR EXISTS (SELECT 1 FROM jsonb_array_elements(
                          CASE jsonb_typeof(s->'media') WHEN 'array' THEN s->'media'
                          ELSE '[]'::jsonb END) AS m
                      WHERE jsonb_typeof(m) <> 'object'
                         OR EXISTS (SELECT 1 FROM jsonb_object_keys(m) AS k
                                    WHERE k NOT IN ('url', 'alt_text'))
                         OR jsonb_typeof(m->'url') IS DISTINCT FROM 'string'
                         OR jsonb_typeof(m->'alt_text') IS DISTINCT FROM 'string')
           OR jsonb_typeof(s->'labels') IS DISTINCT FROM 'array'
           OR EXISTS (SELECT 1 FROM jsonb_array_elements(
                          CASE jsonb_typeof(s->'labels') WHEN 'array' THEN s->'labels'
                          ELSE '[]'::jsonb END) AS label
                      WHERE jsonb_typeof(label) <> 'string')) THEN
        PERFORM fail('SD422', 'This draft''s shared post is not in the form SafeDesk writes.');
    END IF;
    PERFORM check_content_v7(c - 'share');
END $$;

REVOKE ALL ON FUNCTION check_content(jsonb) FROM PUBLIC;

-- safedesk-digest-v1 as core/digest.py takes it: the link card (version 3), the thread (version
-- 4), the second language (version 7) and the share count only when there is one.
CREATE OR REPLACE FUNCTION content_digest(c jsonb) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = safedesk, pg_temp AS $$
    SELECT encode(sha256(convert_to(canonical_json(jsonb_build_object(
        'v', 'safedesk-digest-v1',
        'text', normal_text(c->>'text'),
        'content_warning', normal_text(c->>'content_warning'),
        'language', lower(btrim(coalesce(c->>'language', ''))),
        'media', coalesce((SELECT jsonb_agg(jsonb_build_object(
                               'sha256', lower(m->>'sha256'),
                               'alt_text', normal_text(m->>'alt_text')) ORDER BY n)
                           FROM jsonb_array_elements(coalesce(c->'media', '[]'))
                                WITH ORDINALITY AS a(m, n)), '[]'::jsonb),
        'targets', coalesce((SELECT jsonb_agg(t ORDER BY t COLLATE "C")
                             FROM (SELECT DISTINCT jsonb_array_elements_text(
                                       coalesce(c->'targets', '[]')) AS t) AS s), '[]'::jsonb),
        'schedule_at', CASE WHEN coalesce(c->>'schedule_at', '') = '' THEN NULL
                       ELSE to_char((c->>'schedule_at')::timestamptz AT TIME ZONE 'UTC',
                                    'YYYY-MM-DD"T"HH24:MI:SS"Z"') END,
        'reply_to', coalesce(c->'reply_to', 'null'::jsonb),
        'visibility', coalesce(c->>'visibility', 'public'),
        'bluesky_cw', coalesce(c->>'cw_on_bluesky', 'refuse')
    ) || CASE WHEN jsonb_typeof(c->'link_card') = 'object' THEN jsonb_build_object(
        'link_card', jsonb_build_object(
            'url', c#>'{link_card,url}',
            'title', normal_text(c#>>'{link_card,title}'),
            'description', normal_text(c#>>'{link_card,description}'),
            'thumbnail_sha256', CASE WHEN jsonb_typeof(c#>'{link_card,thumbnail}') = 'object'
                                THEN to_jsonb(lower(c#>>'{link_card,thumbnail,sha256}'))
                                ELSE 'null'::jsonb END))
       ELSE '{}'::jsonb END
    || CASE WHEN jsonb_array_length(coalesce(c->'thread', '[]')) = 0 THEN '{}'::jsonb
       ELSE jsonb_build_object('thread', (SELECT jsonb_agg(to_jsonb(normal_text(part)) ORDER BY n)
                                          FROM jsonb_array_elements_text(c->'thread')
                                               WITH ORDINALITY AS a(part, n))) END
    || CASE WHEN jsonb_typeof(c->'translation') = 'object' THEN jsonb_build_object(
        'translation', jsonb_build_object(
            'language', lower(btrim(coalesce(c#>>'{translation,language}', ''))),
            'text', normal_text(c#>>'{translation,text}'),
            'content_warning', normal_text(coalesce(c#>>'{translation,content_warning}', '')),
            'alt_texts', coalesce((SELECT jsonb_agg(to_jsonb(normal_text(alt)) ORDER BY n)
                                   FROM jsonb_array_elements_text(
                                            coalesce(c#>'{translation,alt_texts}', '[]'))
                                        WITH ORDINALITY AS a(alt, n)), '[]'::jsonb)))
       ELSE '{}'::jsonb END
    || CASE WHEN jsonb_typeof(c->'share') = 'object' THEN jsonb_build_object(
        'share', jsonb_build_object(
            'kind', c#>'{share,kind}',
            'platform', c#>'{share,platform}',
            'uri', c#>'{share,uri}',
            'content_hash', c#>'{share,content_hash}',
            'author', c#>'{share,author}',
            'text', normal_text(c#>>'{share,text}')))
       ELSE '{}'::jsonb END
    ), 'UTF8')), 'hex')
$$;

-- The policy settings as PolicySettings.as_json writes them now: "watched_accounts", the party
-- and candidate accounts an official share warns about, is a list of words when set.
ALTER FUNCTION check_policy_settings(jsonb) RENAME TO check_policy_settings_v7;
REVOKE ALL ON FUNCTION check_policy_settings_v7(jsonb) FROM PUBLIC;

CREATE FUNCTION check_policy_settings(s jsonb) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = safedesk, pg_temp AS $$
BEGIN
    IF jsonb_typeof(s) = 'object' AND (
           jsonb_typeof(coalesce(s->'watched_accounts', '[]')) <> 'array'
           OR EXISTS (SELECT 1 FROM jsonb_array_elements(
                          CASE jsonb_typeof(s->'watched_accounts') WHEN 'array'
                          THEN s->'watched_accounts' ELSE '[]'::jsonb END) AS a
                      WHERE jsonb_typeof(a) <> 'string')) THEN
        PERFORM fail('SD422', 'The policy settings'' watched accounts must be a list of words.');
    END IF;
    PERFORM check_policy_settings_v7(s);
END $$;

REVOKE ALL ON FUNCTION check_policy_settings(jsonb) FROM PUBLIC;

-- What a desk may say in an event's details, as version 7 allowed, and now which post a share
-- shared when it went out (services/publishing.py).
ALTER FUNCTION described(jsonb) RENAME TO described_v7;
REVOKE ALL ON FUNCTION described_v7(jsonb) FROM PUBLIC;

CREATE FUNCTION described(p_details jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE SET search_path = safedesk, pg_temp AS $$
    SELECT described_v7(p_details) || coalesce(
        (SELECT jsonb_object_agg(key, value) FROM jsonb_each(coalesce(p_details, '{}'))
          WHERE key IN ('shared_uri', 'shared_author')), '{}'::jsonb)
$$;

REVOKE ALL ON FUNCTION described(jsonb) FROM PUBLIC;

-- The shared post was edited or deleted after approval (services/share_check.py): the approval
-- no longer holds, and the share goes back to its author with a note saying why.
INSERT INTO transitions VALUES ('approved', 'shared_post_changed', 'changes_requested'),
                               ('failed', 'shared_post_changed', 'changes_requested');

-- Every later change to a draft, as version 6 made it, and now 'shared_post_changed': only the
-- publisher, which looks at the shared post before it sends a share, and only for a share.
ALTER FUNCTION change_draft(jsonb, integer, text, jsonb, jsonb) RENAME TO change_draft_v6;
REVOKE ALL ON FUNCTION change_draft_v6(jsonb, integer, text, jsonb, jsonb) FROM safedesk_member;

CREATE FUNCTION change_draft(p_draft jsonb, p_expected integer, p_action text,
                             p_details jsonb, p_publications jsonb DEFAULT '[]') RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    caller people;
    d drafts;
    at timestamptz := date_trunc('microseconds', clock_timestamp());
    new_state text;
    note text := btrim(coalesce(p_draft->>'decision_note', ''));
    details jsonb;
BEGIN
    IF p_action <> 'shared_post_changed' THEN
        PERFORM change_draft_v6(p_draft, p_expected, p_action, p_details, p_publications);
        RETURN;
    END IF;
    caller := me();
    PERFORM require_publisher('void an approval because the shared post changed');
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
        PERFORM fail('SD423', format('Cannot void the approval of an official post that is %s.',
                                     replace(d.state, '_', ' ')));
    END IF;
    IF jsonb_typeof(d.content->'share') IS DISTINCT FROM 'object' THEN
        PERFORM fail('SD403', 'Only a share''s approval is voided by a change to its shared '
                              'post.');
    END IF;
    IF note = '' THEN
        PERFORM fail('SD422', 'Say why, so the author knows what to change.');
    END IF;
    details := described(p_details) || void_live_approval(d.id, at);
    UPDATE drafts SET decision_note = note, state = new_state, version = d.version + 1,
                      updated_at = at
     WHERE id = d.id;
    details := details || jsonb_build_object('from', d.state, 'to', new_state,
                                             'digest', d.digest, 'version', d.version + 1,
                                             'at', format_time(at));
    PERFORM append_event(caller.id, 'draft.shared_post_changed', d.id, details);
    PERFORM announce('draft', d.id, new_state, d.version + 1);
END $$;

REVOKE ALL ON FUNCTION change_draft(jsonb, integer, text, jsonb, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION change_draft(jsonb, integer, text, jsonb, jsonb) TO safedesk_member;
