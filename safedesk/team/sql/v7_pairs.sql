-- Team mode, version 7: bilingual pairs (safedesk/core/pairs.py).
-- A draft's content may carry its second language, "translation": its language, text, content
-- warning and one alt text per image. The digest covers it under the key 'translation', added
-- only when there is one, so every other post keeps the digest it always had (and approvals
-- given before this version stay valid). A pair's parts on an account (their language and the
-- time each went out) are kept in the publication's progress, as a thread's are (version 4).
-- The policy settings may say how a pair goes out on each account ("pair_styles").

-- The shape of content (codec.content_json) now includes the translation. The check of version 4
-- is kept under a new name and called for everything else.
ALTER FUNCTION check_content(jsonb) RENAME TO check_content_v4;
REVOKE ALL ON FUNCTION check_content_v4(jsonb) FROM PUBLIC;

CREATE FUNCTION check_content(c jsonb) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = safedesk, pg_temp AS $$
DECLARE
    pair jsonb := c->'translation';
BEGIN
    IF pair IS NOT NULL AND (
           jsonb_typeof(pair) IS DISTINCT FROM 'object'
           OR EXISTS (SELECT 1 FROM jsonb_object_keys(pair) AS k
                      WHERE k NOT IN ('language', 'text', 'content_warning', 'alt_texts'))
           OR jsonb_typeof(pair->'language') IS DISTINCT FROM 'string'
           OR jsonb_typeof(pair->'text') IS DISTINCT FROM 'string'
           OR jsonb_typeof(coalesce(pair->'content_warning', '""')) <> 'string'
           OR jsonb_typeof(coalesce(pair->'alt_texts', '[]')) <> 'array'
           OR EXISTS (SELECT 1 FROM jsonb_array_elements(
                          CASE jsonb_typeof(pair->'alt_texts') WHEN 'array' THEN pair->'alt_texts'
                          ELSE '[]'::jsonb END) AS alt
                      WHERE jsonb_typeof(alt) <> 'string')) THEN
        PERFORM fail('SD422', 'This draft''s second language is not in the form SafeDesk '
                              'writes.');
    END IF;
    PERFORM check_content_v4(c - 'translation');
END $$;

REVOKE ALL ON FUNCTION check_content(jsonb) FROM PUBLIC;

-- safedesk-digest-v1 as core/digest.py takes it: the link card (version 3), the thread (version
-- 4) and the second language count only when there is one.
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
    ), 'UTF8')), 'hex')
$$;

-- The policy settings as PolicySettings.as_json writes them now: "pair_styles" maps an account
-- to {layout, first_language}; the rest is checked as version 5 checks it.
ALTER FUNCTION check_policy_settings(jsonb) RENAME TO check_policy_settings_v5;
REVOKE ALL ON FUNCTION check_policy_settings_v5(jsonb) FROM PUBLIC;

CREATE FUNCTION check_policy_settings(s jsonb) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = safedesk, pg_temp AS $$
BEGIN
    IF jsonb_typeof(s) = 'object' AND (
           jsonb_typeof(coalesce(s->'pair_styles', '{}')) <> 'object'
           OR EXISTS (SELECT 1 FROM jsonb_each(
                          CASE jsonb_typeof(s->'pair_styles') WHEN 'object' THEN s->'pair_styles'
                          ELSE '{}'::jsonb END) AS p(account, style)
                      WHERE jsonb_typeof(style) <> 'object'
                         OR EXISTS (SELECT 1 FROM jsonb_object_keys(style) AS k
                                    WHERE k NOT IN ('layout', 'first_language'))
                         OR coalesce(style->>'layout', '') NOT IN ('two_posts', 'one_post')
                         OR coalesce(style->>'first_language', '') NOT IN ('cy', 'en'))) THEN
        PERFORM fail('SD422', 'Each account''s pair style must be a layout (two_posts or '
                              'one_post) and a first language (cy or en).');
    END IF;
    PERFORM check_policy_settings_v5(s);
END $$;

REVOKE ALL ON FUNCTION check_policy_settings(jsonb) FROM PUBLIC;

-- What a desk may say in an event's details, as version 6 allowed, and now a pair's record when
-- it went out as two posts (services/pair_publishing.pair_record: each language's post, when its
-- server answered, and the gap between them) and which part of a pair or thread an event is about.
ALTER FUNCTION described(jsonb) RENAME TO described_v6;
REVOKE ALL ON FUNCTION described_v6(jsonb) FROM PUBLIC;

CREATE FUNCTION described(p_details jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE SET search_path = safedesk, pg_temp AS $$
    SELECT described_v6(p_details) || coalesce(
        (SELECT jsonb_object_agg(key, value) FROM jsonb_each(coalesce(p_details, '{}'))
          WHERE key IN ('pair', 'part', 'parts')), '{}'::jsonb)
$$;

REVOKE ALL ON FUNCTION described(jsonb) FROM PUBLIC;
