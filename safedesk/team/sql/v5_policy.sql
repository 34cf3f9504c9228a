-- Team mode, version 5: the organisation's policy settings (core/policy/settings.py), one row
-- every member reads and only an enabled admin writes, and a person's politically restricted
-- post (core/models.py, Person), which only an admin sets (change_person 'restricted').

ALTER TABLE people ADD COLUMN politically_restricted boolean NOT NULL DEFAULT false;

CREATE TABLE policy_settings (
    id integer PRIMARY KEY CHECK (id = 1),
    -- PolicySettings.as_json(): lists of words, election periods, a level per rule.
    settings jsonb NOT NULL,
    -- 0 until an admin first saves; each save adds one (the caller names the version it read).
    version integer NOT NULL CHECK (version > 0),
    updated_at timestamptz NOT NULL,
    updated_by text NOT NULL REFERENCES people(id)
);

REVOKE ALL ON policy_settings FROM PUBLIC;
GRANT SELECT ON policy_settings TO safedesk_member;

-- The shape PolicySettings.as_json writes, so that no desk reads settings it cannot use. The
-- words themselves (lengths, duplicates) are the desk's to clean, as for any admin input.
CREATE FUNCTION check_policy_settings(s jsonb) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = safedesk, pg_temp AS $$
DECLARE
    list_key text;
    period jsonb;
BEGIN
    IF jsonb_typeof(s) IS DISTINCT FROM 'object' THEN
        PERFORM fail('SD422', 'The policy settings are not in the form SafeDesk writes.');
    END IF;
    FOREACH list_key IN ARRAY ARRAY['organisation_names', 'organisation_handles',
                                    'organisation_hashtags', 'political_terms'] LOOP
        IF jsonb_typeof(coalesce(s->list_key, '[]')) <> 'array'
           OR EXISTS (SELECT 1 FROM jsonb_array_elements(
                          CASE jsonb_typeof(s->list_key) WHEN 'array' THEN s->list_key
                          ELSE '[]'::jsonb END) AS w
                      WHERE jsonb_typeof(w) <> 'string') THEN
            PERFORM fail('SD422', format('The policy settings'' %s must be a list of words.',
                                         replace(list_key, '_', ' ')));
        END IF;
    END LOOP;
    IF jsonb_typeof(coalesce(s->'election_periods', '[]')) <> 'array' THEN
        PERFORM fail('SD422', 'The election periods must be a list.');
    END IF;
    FOR period IN SELECT p FROM jsonb_array_elements(coalesce(s->'election_periods', '[]')) AS p
    LOOP
        IF jsonb_typeof(period) <> 'object' OR jsonb_typeof(period->'name') <> 'string'
           OR jsonb_typeof(period->'starts') <> 'string'
           OR jsonb_typeof(period->'ends') <> 'string'
           OR period->>'starts' !~ '^\d{4}-\d{2}-\d{2}$' OR period->>'ends' !~ '^\d{4}-\d{2}-\d{2}$'
           OR jsonb_typeof(coalesce(period->'terms', '[]')) <> 'array' THEN
            PERFORM fail('SD422', 'An election period must be a name, two dates (YYYY-MM-DD) '
                                  'and a list of terms.');
        END IF;
    END LOOP;
    IF jsonb_typeof(coalesce(s->'rule_levels', '{}')) <> 'object'
       OR EXISTS (SELECT 1 FROM jsonb_each(
                      CASE jsonb_typeof(s->'rule_levels') WHEN 'object' THEN s->'rule_levels'
                      ELSE '{}'::jsonb END) AS l(rule, level)
                  WHERE jsonb_typeof(level) <> 'string'
                     OR level #>> '{}' NOT IN ('default', 'off', 'info', 'warn', 'block')) THEN
        PERFORM fail('SD422', 'Each rule''s level must be one of default, off, info, warn, '
                              'block.');
    END IF;
END $$;

-- An admin saves the settings they read at version p_expected. Writers queue on the table's
-- lock, so two admins saving at once cannot both win, even for the first save (no row yet).
-- The event's details are the desk's description of the change (an admin's own words and
-- what changed), with the version this save made. The row saved comes back.
CREATE FUNCTION save_policy_settings(p_settings jsonb, p_expected integer, p_action text,
                                     p_subject text, p_details jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    caller people := me();
    current integer;
    saved policy_settings;
BEGIN
    PERFORM require_admin(caller, 'change the policy settings');
    IF p_action IS NULL OR p_action NOT LIKE 'policy.%' THEN
        PERFORM fail('SD422', format('%s is not a policy event.', p_action));
    END IF;
    IF jsonb_typeof(coalesce(p_details, '{}')) <> 'object' THEN
        PERFORM fail('SD422', 'An event''s details must be an object.');
    END IF;
    PERFORM check_policy_settings(p_settings);
    LOCK TABLE policy_settings IN SHARE ROW EXCLUSIVE MODE;
    SELECT version INTO current FROM policy_settings WHERE id = 1;
    IF coalesce(current, 0) IS DISTINCT FROM p_expected THEN
        PERFORM fail('SD409', 'Someone else changed the policy settings while you were editing '
                              'them. Look at them again and make your change there.');
    END IF;
    INSERT INTO policy_settings (id, settings, version, updated_at, updated_by)
    VALUES (1, p_settings, p_expected + 1, clock_timestamp(), caller.id)
    ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, version = excluded.version,
        updated_at = excluded.updated_at, updated_by = excluded.updated_by
    RETURNING * INTO saved;
    PERFORM append_event(caller.id, p_action, coalesce(p_subject, 'policy'),
                         coalesce(p_details, '{}') || jsonb_build_object('version',
                                                                         p_expected + 1));
    PERFORM announce('policy', 'settings', NULL, p_expected + 1);
    RETURN jsonb_build_object('settings', saved.settings, 'version', saved.version,
                              'updated_at', format_time(saved.updated_at),
                              'updated_by', saved.updated_by);
END $$;

REVOKE ALL ON FUNCTION check_policy_settings(jsonb),
    save_policy_settings(jsonb, integer, text, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION save_policy_settings(jsonb, integer, text, text, jsonb)
    TO safedesk_member;

-- change_person as version 1 wrote it, with one more change: 'restricted' ('true' or 'false'),
-- an admin marking a politically restricted post. Everything else is handed to the old one.
ALTER FUNCTION change_person(text, text, text, jsonb) RENAME TO change_person_v1;
REVOKE ALL ON FUNCTION change_person_v1(text, text, text, jsonb) FROM PUBLIC, safedesk_member;

CREATE FUNCTION change_person(p_person_id text, p_change text, p_value text, p_details jsonb)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    caller people := me();
    target people;
BEGIN
    IF p_change <> 'restricted' THEN
        PERFORM change_person_v1(p_person_id, p_change, p_value, p_details);
        RETURN;
    END IF;
    PERFORM require_admin(caller, 'mark politically restricted posts');
    SELECT * INTO target FROM people WHERE id = p_person_id FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM fail('SD404', format('There is no person with id %L.', p_person_id));
    END IF;
    IF p_value NOT IN ('true', 'false') THEN
        PERFORM fail('SD422', format('%s is not true or false.', p_value));
    END IF;
    IF target.politically_restricted = p_value::boolean THEN
        PERFORM fail('SD422', format('%s''s post is %s marked politically restricted.',
                                     target.name, CASE WHEN p_value::boolean THEN 'already'
                                                       ELSE 'not' END));
    END IF;
    UPDATE people SET politically_restricted = p_value::boolean WHERE id = target.id;
    PERFORM append_event(caller.id, 'person.restricted', target.id,
                         jsonb_build_object('restricted', p_value::boolean));
    PERFORM announce('person', target.id);
END $$;

REVOKE ALL ON FUNCTION change_person(text, text, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION change_person(text, text, text, jsonb) TO safedesk_member;
