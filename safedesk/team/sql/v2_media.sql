-- Team mode, version 2: the images of official drafts, kept on the team server so that the
-- publisher sends, and the approver sees, exactly the bytes the author attached on their own
-- laptop. An image is named by the SHA-256 of its bytes, computed here: a client sends bytes,
-- never a name for them, so no one can file other bytes under a hash a draft names.

CREATE TABLE media (
    sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    mime_type text NOT NULL,
    size integer NOT NULL CHECK (size > 0),
    bytes bytea NOT NULL,
    added_by text NOT NULL REFERENCES people(id),
    added_at timestamptz NOT NULL,
    CHECK (size = octet_length(bytes))
);
-- Pictures are compressed already: storing them out of line without a second try saves work.
ALTER TABLE media ALTER COLUMN bytes SET STORAGE EXTERNAL;

-- SafeDesk's own limit at attach time (safedesk/storage/image_check.py MAX_FILE_BYTES): 16 MiB,
-- the most Mastodon takes. Kept in one place here; the tests hold the two equal.
CREATE FUNCTION max_media_bytes() RETURNS integer
LANGUAGE sql IMMUTABLE SET search_path = safedesk, pg_temp AS $$
    SELECT 16 * 1024 * 1024
$$;

-- Whether the first bytes are those of the claimed type (what image_check accepts: PNG, JPEG,
-- GIF, WebP); NULL when the type is not one of those.
CREATE FUNCTION media_signature_matches(p_bytes bytea, p_mime_type text) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = safedesk, pg_temp AS $$
    SELECT CASE p_mime_type
        WHEN 'image/png' THEN substring(p_bytes FROM 1 FOR 8) = '\x89504e470d0a1a0a'::bytea
        WHEN 'image/jpeg' THEN substring(p_bytes FROM 1 FOR 3) = '\xffd8ff'::bytea
        WHEN 'image/gif' THEN substring(p_bytes FROM 1 FOR 6) IN ('\x474946383761'::bytea,
                                                                   '\x474946383961'::bytea)
        WHEN 'image/webp' THEN substring(p_bytes FROM 1 FOR 4) = '\x52494646'::bytea
                           AND substring(p_bytes FROM 9 FOR 4) = '\x57454250'::bytea
    END
$$;

-- Keep an image's bytes; returns the SHA-256 that names them. The same bytes again are the
-- same row (no error), so a desk can send what it is unsure the server has.
CREATE FUNCTION put_media(p_bytes bytea, p_mime_type text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    caller people := me();
    byte_count integer := octet_length(p_bytes);
    digest text;
    matches boolean;
BEGIN
    IF coalesce(byte_count, 0) = 0 THEN
        PERFORM fail('SD422', 'This image is empty; attach it again from the original.');
    END IF;
    IF byte_count > max_media_bytes() THEN
        PERFORM fail('SD422', format('This image is %s MB; SafeDesk attaches images up to %s MB, '
                                     'the most Mastodon takes. Export a smaller copy and attach '
                                     'that.', round(byte_count / 1048576.0, 1),
                                     max_media_bytes() / 1048576));
    END IF;
    matches := media_signature_matches(p_bytes, p_mime_type);
    IF matches IS NULL THEN
        PERFORM fail('SD422', format('The team server keeps PNG, JPEG, GIF and WebP images, '
                                     'not %s.', coalesce(p_mime_type, 'an unnamed type')));
    END IF;
    IF NOT matches THEN
        PERFORM fail('SD422', format('These bytes are not a %s image, whatever they are called. '
                                     'Attach the picture again from the original.',
                                     upper(split_part(p_mime_type, '/', 2))));
    END IF;
    digest := encode(sha256(p_bytes), 'hex');
    INSERT INTO media (sha256, mime_type, size, bytes, added_by, added_at)
    VALUES (digest, p_mime_type, byte_count, p_bytes, caller.id,
            date_trunc('microseconds', clock_timestamp()))
    ON CONFLICT (sha256) DO NOTHING;
    RETURN digest;
END $$;

-- An official draft may only name images the server holds: otherwise the approver would
-- approve, and the publisher try to send, a picture no one here can see.
CREATE OR REPLACE FUNCTION check_media(p_content jsonb) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = safedesk, pg_temp AS $$
DECLARE
    item jsonb;
BEGIN
    IF coalesce(jsonb_typeof(p_content->'media'), 'null') NOT IN ('array', 'null') THEN
        PERFORM fail('SD422', 'A draft''s images must be a list.');
    END IF;
    FOR item IN SELECT jsonb_array_elements(coalesce(p_content->'media', '[]')) LOOP
        PERFORM 1 FROM media WHERE sha256 = lower(item->>'sha256');
        IF NOT FOUND THEN
            PERFORM fail('SD422', format(
                'The image %s has not reached the team server, so this draft cannot be saved '
                'there. Save it again from the computer it was attached on.',
                coalesce(nullif(item->>'filename', ''), left(item->>'sha256', 12), '(unnamed)')));
        END IF;
    END LOOP;
END $$;

-- Every member reads the images (approvers must see what they approve); only put_media writes.
REVOKE ALL ON media FROM PUBLIC;
GRANT SELECT ON media TO safedesk_member;
REVOKE ALL ON FUNCTION max_media_bytes(), media_signature_matches(bytea, text),
    put_media(bytea, text), check_media(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION put_media(bytea, text), max_media_bytes() TO safedesk_member;
