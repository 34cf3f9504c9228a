-- Team mode, version 9: My submissions' decided posts are one author's newest page
-- (PgStore.list_drafts with newest=). Walked along this index, newest first, and stopped at the
-- page's end; before, every draft in the decided states (all that was ever published) was read
-- through drafts_state and sorted, a scan that grew with the whole history.
CREATE INDEX drafts_author_newest ON drafts(author_id, updated_at DESC, id DESC);
