-- The library is rebuilt from the published versions, for two reasons:
-- - its anonymised copy was made by an anonymiser that replaced every word of a person's name
--   wherever it appeared ("the" of "Dana from the network vendor"), so viewers' snippets and
--   searches read mangled text; the server re-indexes every review with today's anonymiser;
-- - decision points and work as done get a section of their own ("decisions"), where they were
--   searched and shown as part of the timeline.
-- Everything here is a copy; the server fills it again from published_versions when it starts.
DELETE FROM library_lessons;
DELETE FROM library_entries;
DROP TABLE library_text;
DROP TABLE library_anonymised_text;
CREATE VIRTUAL TABLE library_text USING fts5(
  title, summary, accounts, timeline, decisions, factors, lessons, actions,
  tokenize = 'porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE library_anonymised_text USING fts5(
  title, summary, accounts, timeline, decisions, factors, lessons, actions,
  tokenize = 'porter unicode61 remove_diacritics 2');
UPDATE library_state SET generation = generation + 1 WHERE id = 1;
