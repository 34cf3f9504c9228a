-- Link cards (Bluesky's app.bsky.embed.external): a draft's content may carry a "link_card" with
-- the page's title, description and picture. The checks of earlier versions are kept under new
-- names and called for everything else, so each version adds only its own part of the content.

ALTER FUNCTION check_content(jsonb) RENAME TO check_content_v2;
ALTER FUNCTION check_media(jsonb) RENAME TO check_media_v2;

-- The card's shape, as codec.content_json writes it; the rest as before.
CREATE FUNCTION check_content(c jsonb) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = safedesk, pg_temp AS $$
DECLARE
    card jsonb := c->'link_card';
    picture jsonb := card->'thumbnail';
BEGIN
    IF card IS NOT NULL AND (
           jsonb_typeof(card) IS DISTINCT FROM 'object'
           OR EXISTS (SELECT 1 FROM jsonb_object_keys(card) AS k
                      WHERE k NOT IN ('url', 'title', 'description', 'thumbnail'))
           OR coalesce(card->>'url', '') !~* '^https?://'
           OR jsonb_typeof(card->'title') IS DISTINCT FROM 'string'
           OR jsonb_typeof(coalesce(card->'description', '""')) <> 'string'
           OR jsonb_typeof(coalesce(picture, 'null')) NOT IN ('object', 'null')) THEN
        PERFORM fail('SD422', 'This draft''s link card is not in the form SafeDesk writes.');
    END IF;
    -- The picture is checked as an image of the draft is.
    PERFORM check_content_v2(jsonb_set(c - 'link_card', '{media}',
        coalesce(c->'media', '[]') || CASE WHEN jsonb_typeof(picture) = 'object'
                                           THEN jsonb_build_array(picture) ELSE '[]' END));
END $$;

-- The card's picture must be on the server too, like the draft's images.
CREATE FUNCTION check_media(p_content jsonb) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = safedesk, pg_temp AS $$
DECLARE
    picture jsonb := p_content#>'{link_card,thumbnail}';
BEGIN
    PERFORM check_media_v2(CASE WHEN jsonb_typeof(picture) = 'object'
        THEN jsonb_set(p_content, '{media}', coalesce(p_content->'media', '[]')
                                             || jsonb_build_array(picture))
        ELSE p_content END);
END $$;

REVOKE ALL ON FUNCTION check_content(jsonb), check_media(jsonb) FROM PUBLIC;

-- safedesk-digest-v1 as core/digest.py takes it: the card counts (its link, title, description and
-- picture's SHA-256) only when there is one, so content without a card keeps its digest.
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
       ELSE '{}'::jsonb END), 'UTF8')), 'hex')
$$;
