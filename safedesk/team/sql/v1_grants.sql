-- Team mode, version 1: what each login may do. Reading is open to every member; writing is
-- only ever through the functions granted here. Functions are executable by PUBLIC by default,
-- so that is taken away first.
REVOKE ALL ON ALL TABLES IN SCHEMA safedesk FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA safedesk FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA safedesk FROM PUBLIC;
REVOKE CREATE ON SCHEMA safedesk FROM PUBLIC;
GRANT USAGE ON SCHEMA safedesk TO safedesk_member;
GRANT SELECT ON ALL TABLES IN SCHEMA safedesk TO safedesk_member;
GRANT EXECUTE ON FUNCTION
    create_draft(jsonb, text, jsonb, jsonb),
    change_draft(jsonb, integer, text, jsonb, jsonb),
    update_publication(jsonb, text, jsonb),
    add_account(jsonb, jsonb), update_account(jsonb, jsonb), remove_account(text, jsonb),
    record_event(text, text, jsonb),
    add_person(jsonb, text, jsonb), change_person(text, text, text, jsonb),
    add_template_version(jsonb, jsonb), add_preapproval(jsonb, jsonb),
    add_incident(jsonb, jsonb, jsonb), update_incident(jsonb, text, jsonb),
    record_action(text, jsonb, jsonb, text, jsonb),
    create_login(text, text, text), beat(text), whoami(),
    -- Pure functions, so that a desk or `team verify` can recompute what the server hashes.
    content_digest(jsonb), canonical_json(jsonb), format_time(timestamptz), normal_text(text),
    desk_number(text)
TO safedesk_member;
