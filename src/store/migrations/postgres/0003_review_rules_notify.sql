-- Every statement that writes the review rules notifies the instances, which keep a copy of them
-- (store/postgres/listened_copy.h). NOTIFY is delivered when the transaction commits, and not at
-- all when it rolls back.
CREATE FUNCTION debrief_review_rules_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('debrief_review_rules', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER review_rules_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON review_rules
  FOR EACH STATEMENT EXECUTE FUNCTION debrief_review_rules_changed();
