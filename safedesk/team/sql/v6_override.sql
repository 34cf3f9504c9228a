-- Team mode, version 6: an approver's written override of policy blocks only an approver may
-- lift (a watched term in an election period; safedesk/core/workflow.py, approve). The approval
-- keeps the reason and the override key of each block it lifts (Finding.override_key); it is
-- bound to the digest like the rest of the approval, so an edit voids the override with it.

ALTER TABLE approvals ADD COLUMN override_reason text NOT NULL DEFAULT '',
                      ADD COLUMN overridden jsonb NOT NULL DEFAULT '[]';

-- The approve event carries the reason and what it lifted (rule, field and words), on top of
-- what the earlier versions keep of a client's details.
ALTER FUNCTION described(jsonb) RENAME TO described_v5;

CREATE FUNCTION described(p_details jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE SET search_path = safedesk, pg_temp AS $$
    SELECT described_v5(p_details) || coalesce(
        (SELECT jsonb_object_agg(key, value) FROM jsonb_each(coalesce(p_details, '{}'))
          WHERE key IN ('override_reason', 'overridden')), '{}'::jsonb)
$$;

REVOKE ALL ON FUNCTION described(jsonb) FROM PUBLIC;

-- Every later change to a draft, as before; an approval may now carry an override. The change
-- itself is version 5's (kept under a new name, callable only from here), and the override is
-- written onto the approval it has just inserted, in the same transaction.
ALTER FUNCTION change_draft(jsonb, integer, text, jsonb, jsonb) RENAME TO change_draft_v5;
REVOKE ALL ON FUNCTION change_draft_v5(jsonb, integer, text, jsonb, jsonb) FROM safedesk_member;

CREATE FUNCTION change_draft(p_draft jsonb, p_expected integer, p_action text,
                             p_details jsonb, p_publications jsonb DEFAULT '[]') RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = safedesk, pg_temp AS $$
DECLARE
    approval jsonb := p_draft->'approval';
    reason text := '';
    lifted jsonb := '[]';
BEGIN
    IF p_action = 'approve' AND jsonb_typeof(approval) = 'object' THEN
        reason := btrim(coalesce(approval->>'override_reason', ''));
        lifted := coalesce(approval->'overridden', '[]');
        IF jsonb_typeof(lifted) <> 'array'
           OR EXISTS (SELECT 1 FROM jsonb_array_elements(lifted) AS k
                      WHERE jsonb_typeof(k) <> 'string') THEN
            PERFORM fail('SD422', 'This approval''s override is not in the form SafeDesk writes.');
        END IF;
        IF jsonb_array_length(lifted) > 0 AND reason = '' THEN
            PERFORM fail('SD422', 'Lifting a block needs the approver''s written reason.');
        END IF;
    END IF;
    PERFORM change_draft_v5(p_draft, p_expected, p_action, p_details, p_publications);
    IF jsonb_array_length(lifted) > 0 THEN
        UPDATE approvals SET override_reason = reason, overridden = lifted
         WHERE id = approval->>'id' AND voided_at IS NULL;
    END IF;
END $$;

REVOKE ALL ON FUNCTION change_draft(jsonb, integer, text, jsonb, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION change_draft(jsonb, integer, text, jsonb, jsonb) TO safedesk_member;
