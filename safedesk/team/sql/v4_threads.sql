-- Team mode, version 4: threads (safedesk/core/threads.py).
-- A thread's later parts are part of the content, so the digest covers them: the key 'thread'
-- is added only when there is one, so every single post keeps the digest it always had (and
-- approvals given before this version stay valid). A publication keeps its thread's progress
-- on its account (codec.thread_progress_json): which parts are out, and when the next one was
-- first tried.

ALTER TABLE publications ADD COLUMN thread text NOT NULL DEFAULT '';

-- The shape of content (codec.content_json) now includes the thread: its parts, as text. The
-- check of version 3 is kept under a new name and called for everything else.
ALTER FUNCTION check_content(jsonb) RENAME TO check_content_v3;

CREATE FUNCTION check_content(c jsonb) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = safedesk, pg_temp AS $$
BEGIN
    IF jsonb_typeof(coalesce(c->'thread', '[]')) <> 'array'
       OR EXISTS (SELECT 1 FROM jsonb_array_elements(
                      CASE jsonb_typeof(c->'thread') WHEN 'array' THEN c->'thread'
                      ELSE '[]'::jsonb END) AS part
                  WHERE jsonb_typeof(part) <> 'string') THEN
        PERFORM fail('SD422', 'This draft''s content is not in the form SafeDesk writes.');
    END IF;
    PERFORM check_content_v3(c - 'thread');
END $$;

REVOKE ALL ON FUNCTION check_content(jsonb) FROM PUBLIC;

-- safedesk-digest-v1 as core/digest.py takes it: the link card (version 3) and the thread count
-- only when there is one.
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
    ), 'UTF8')), 'hex')
$$;


CREATE OR REPLACE FUNCTION update_publication(p_pub jsonb, p_action text, p_details jsonb) RETURNS void
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
            confirmed_by = coalesce(p_pub->>'confirmed_by', ''),
            thread = coalesce(p_pub->>'thread', '')
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

