-- Team mode, version 1: every write is one of these functions. Each runs as the schema's owner
-- (SECURITY DEFINER) with a fixed search_path, finds who is calling from session_user, checks
-- the rules, writes the rows and chains the audit event itself. Errors carry SQLSTATEs of class
-- SD that the client turns into SafeDesk's own errors:
--   SD403 not allowed, SD404 not found, SD409 changed meanwhile, SD410 self-approval,
--   SD422 invalid input, SD423 invalid transition.

CREATE FUNCTION fail(code text, message text) RETURNS void
LANGUAGE plpgsql SET search_path = safedesk, pg_temp AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = code, MESSAGE = message;
END $$;

-- A JSON number as every desk writes it after reading it back. PostgreSQL keeps the decimal that
-- was sent ("1.10", "0.0000001"); a desk reads it with Python's json (an integer when it has no
-- fraction, else a binary float) and writes repr() ("1.1", "1e-07"). The chain and the digest
-- are made over the desks' form, or `team verify` would report tampering that never happened.
-- Numbers a desk cannot read back as they are (too long an integer, a float out of range) are
-- refused.
CREATE FUNCTION desk_number(t text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = safedesk, pg_temp
SET extra_float_digits = 1 AS $$
DECLARE
    shortest text;
    sign text := '';
    mantissa text;
    digits text;
    decpt integer;  -- the value is 0.DIGITS times ten to the power decpt, as in Python's repr
BEGIN
    IF position('.' IN t) = 0 THEN
        IF length(ltrim(t, '-')) > 4300 THEN  -- Python's int_max_str_digits
            PERFORM fail('SD422', 'A number that long cannot be kept.');
        END IF;
        RETURN t;
    END IF;
    BEGIN
        -- With extra_float_digits > 0: the shortest digits that read back as the same double,
        -- the digits repr() chooses too.
        shortest := t::float8::text;
    EXCEPTION WHEN numeric_value_out_of_range THEN
        PERFORM fail('SD422', 'A number out of the range SafeDesk keeps.');
    END;
    IF left(shortest, 1) = '-' THEN
        sign := '-';
        shortest := substr(shortest, 2);
    END IF;
    mantissa := split_part(shortest, 'e', 1);
    decpt := coalesce(nullif(position('.' IN mantissa), 0) - 1, length(mantissa))
             + coalesce(nullif(split_part(shortest, 'e', 2), '')::integer, 0);
    digits := replace(mantissa, '.', '');
    decpt := decpt - (length(digits) - length(ltrim(digits, '0')));
    digits := rtrim(ltrim(digits, '0'), '0');
    IF digits = '' THEN
        RETURN sign || '0.0';
    END IF;
    IF decpt <= -4 OR decpt > 16 THEN
        RETURN sign || left(digits, 1) || CASE WHEN length(digits) > 1
                                               THEN '.' || substr(digits, 2) ELSE '' END
               || 'e' || CASE WHEN decpt - 1 < 0 THEN '-' ELSE '+' END
               || CASE WHEN abs(decpt - 1) < 10 THEN '0' ELSE '' END || abs(decpt - 1)::text;
    ELSIF decpt <= 0 THEN
        RETURN sign || '0.' || repeat('0', -decpt) || digits;
    ELSIF decpt >= length(digits) THEN
        RETURN sign || digits || repeat('0', decpt - length(digits)) || '.0';
    END IF;
    RETURN sign || left(digits, decpt) || '.' || substr(digits, decpt + 1);
END $$;

-- The canonical JSON of safedesk/core/audit.py and core/digest.py: keys sorted by code point
-- (UTF-8 bytes sort the same), no spaces; strings escaped as Python's json does; numbers as
-- desk_number writes them.
CREATE FUNCTION canonical_json(j jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = safedesk, pg_temp AS $$
DECLARE
    result text;
BEGIN
    CASE jsonb_typeof(j)
    WHEN 'object' THEN
        SELECT '{' || coalesce(string_agg(to_json(k)::text || ':' || canonical_json(v), ','
                                          ORDER BY k COLLATE "C"), '') || '}'
          INTO result FROM jsonb_each(j) AS e(k, v);
    WHEN 'array' THEN
        SELECT '[' || coalesce(string_agg(canonical_json(v), ',' ORDER BY n), '') || ']'
          INTO result FROM jsonb_array_elements(j) WITH ORDINALITY AS a(v, n);
    WHEN 'number' THEN
        result := desk_number(j::text);
    ELSE
        result := j::text;
    END CASE;
    RETURN result;
END $$;

CREATE FUNCTION format_time(t timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = safedesk, pg_temp AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

CREATE FUNCTION normal_text(t text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = safedesk, pg_temp AS $$
    SELECT normalize(replace(replace(coalesce(t, ''), E'\r\n', E'\n'), E'\r', E'\n'), NFC)
$$;

-- safedesk-digest-v1 (safedesk/core/digest.py), over the content as stored.
CREATE FUNCTION content_digest(c jsonb) RETURNS text
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
    )), 'UTF8')), 'hex')
$$;

-- The calling person: the one whose login is session_user, and who is not disabled.
CREATE FUNCTION me() RETURNS people
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    caller people;
BEGIN
    SELECT * INTO caller FROM people WHERE login = session_user;
    IF NOT FOUND THEN
        PERFORM fail('SD403', format('The login %s is not a person of this team. Ask an admin '
                                     'to add you with safedesk team add-person.', session_user));
    END IF;
    IF caller.disabled_at IS NOT NULL THEN
        PERFORM fail('SD403', format('%s has been disabled and can do nothing here.', caller.name));
    END IF;
    RETURN caller;
END $$;

CREATE FUNCTION is_publisher() RETURNS boolean
LANGUAGE sql STABLE SET search_path = safedesk, pg_temp AS $$
    SELECT pg_has_role(session_user, 'safedesk_publisher', 'MEMBER')
$$;

CREATE FUNCTION require_publisher(what text) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = safedesk, pg_temp AS $$
BEGIN
    IF NOT is_publisher() THEN
        PERFORM fail('SD403', format('Only the publisher can %s: it alone holds the official '
                                     'accounts'' credentials.', what));
    END IF;
END $$;

CREATE FUNCTION require_admin(person people, what text) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = safedesk, pg_temp AS $$
BEGIN
    IF person.role <> 'admin' THEN
        PERFORM fail('SD403', format('Only an admin can %s; %s is an %s.', what, person.name,
                                     person.role));
    END IF;
END $$;

-- One link of the chain, made here: no client writes a hash or chooses what is chained.
CREATE FUNCTION append_event(p_actor text, p_action text, p_subject text, p_details jsonb)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    head audit_head;
    at timestamptz := date_trunc('microseconds', clock_timestamp());
    body text;
    digest text;
BEGIN
    SELECT * INTO head FROM audit_head FOR UPDATE;
    body := '{"action":' || to_json(p_action)::text
         || ',"actor":' || to_json(p_actor)::text
         || ',"at":' || to_json(format_time(at))::text
         || ',"details":' || canonical_json(coalesce(p_details, '{}'))
         || ',"prev":' || to_json(head.hash)::text
         || ',"seq":' || (head.count + 1)::text
         || ',"subject":' || to_json(p_subject)::text || '}';
    digest := encode(sha256(convert_to(body, 'UTF8')), 'hex');
    INSERT INTO audit_events (seq, occurred_at, actor, action, subject, details, prev_hash,
                              event_hash)
    VALUES (head.count + 1, at, p_actor, p_action, p_subject, coalesce(p_details, '{}'),
            head.hash, digest);
    UPDATE audit_head SET count = head.count + 1, hash = digest;
    RETURN head.count + 1;
END $$;

-- Tell every connected desk what changed (LISTEN safedesk).
CREATE FUNCTION announce(p_kind text, p_id text, p_state text DEFAULT NULL,
                         p_version integer DEFAULT NULL) RETURNS void
LANGUAGE sql SET search_path = safedesk, pg_temp AS $$
    SELECT pg_notify('safedesk', jsonb_build_object('kind', p_kind, 'id', p_id,
                                                    'state', p_state, 'version', p_version)::text)
$$;

-- The official lifecycle (safedesk/core/lifecycle.py), which the functions hold every change to.
CREATE TABLE transitions (state text, action text, next text, PRIMARY KEY (state, action));
INSERT INTO transitions VALUES
    ('draft', 'edit', 'draft'), ('draft', 'submit', 'submitted'),
    ('submitted', 'edit', 'submitted'), ('submitted', 'withdraw', 'draft'),
    ('submitted', 'approve', 'approved'), ('submitted', 'approve_by_preapproval', 'approved'),
    ('submitted', 'reject', 'rejected'), ('submitted', 'request_changes', 'changes_requested'),
    ('changes_requested', 'edit', 'changes_requested'),
    ('changes_requested', 'submit', 'submitted'), ('changes_requested', 'withdraw', 'draft'),
    ('rejected', 'edit', 'draft'), ('approved', 'edit', 'submitted'),
    ('approved', 'withdraw', 'draft'), ('approved', 'start_publish', 'publishing'),
    ('failed', 'start_publish', 'publishing'), ('failed', 'edit', 'submitted'),
    ('approved', 'void_approval', 'submitted'), ('submitted', 'return_to_draft', 'draft'),
    ('publishing', 'publish_succeeded', 'published'), ('publishing', 'publish_failed', 'failed'),
    ('publishing', 'publish_unknown', 'unknown'), ('unknown', 'start_publish', 'publishing'),
    ('unknown', 'publish_succeeded', 'published');
