-- A version per lottery (issue 13), so the results page can keep the
-- standings of a 50,000-code pool in memory and know in one row read whether
-- they still hold. Any statement that changes or removes applications of a
-- programme with a draw (a withdrawal and the promotion it causes, the draw
-- itself, an erasure) adds one, whoever runs it. A statement-level trigger:
-- the draw's bulk UPDATE of 50,000 rows bumps once.
CREATE TABLE lottery_versions (
  programme_id text PRIMARY KEY REFERENCES draws (programme_id),
  version bigint NOT NULL DEFAULT 0
);

INSERT INTO lottery_versions (programme_id) SELECT programme_id FROM draws;

CREATE FUNCTION lottery_versions_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE lottery_versions SET version = version + 1 WHERE programme_id IN (SELECT DISTINCT programme_id FROM changed);
  RETURN NULL;
END
$$;

CREATE TRIGGER applications_updated_bump_lottery AFTER UPDATE ON applications
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION lottery_versions_bump();
CREATE TRIGGER applications_deleted_bump_lottery AFTER DELETE ON applications
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION lottery_versions_bump();

-- A draw gets its version row with the freeze, in the same transaction.
CREATE FUNCTION lottery_versions_start() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lottery_versions (programme_id) VALUES (NEW.programme_id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER draws_start_lottery_version AFTER INSERT ON draws FOR EACH ROW EXECUTE FUNCTION lottery_versions_start();
