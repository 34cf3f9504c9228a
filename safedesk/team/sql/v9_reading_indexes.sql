-- Team mode, version 9: indexes for the pages the window reads, so none grows with the history.

-- My submissions' decided posts are one author's newest page (PgStore.list_drafts with
-- newest=), walked along this index newest first and stopped at the page's end; before, every
-- draft in the decided states (all that was ever published) was read through drafts_state and
-- sorted, a scan that grew with the whole history.
CREATE INDEX drafts_author_newest ON drafts(author_id, updated_at DESC, id DESC);

-- The history's order (newest first, the unpublished last, then as written), as an index: the
-- History tab's page (PgStore.history, list_publications) walks it instead of sorting every
-- publication before its first row.
CREATE INDEX publications_newest ON publications(published_at DESC NULLS LAST, seq);
