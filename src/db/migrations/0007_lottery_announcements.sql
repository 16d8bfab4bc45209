-- What a lottery announced (issue 11 §2), recorded when its enrolment opens
-- and at the latest before its first application is stored
-- (src/lottery/announcement.ts): the canonical text of the announced facts
-- (src/draw/announcement.ts documents the form) and its SHA-256. The draw
-- uses this, never the content as it is later; a change of content is
-- refused by the CMS and the build, and shown as a conflict in the panel.
-- Nothing here is personal data.
CREATE TABLE lottery_announcements (
  programme_id text PRIMARY KEY,
  -- The facts in force: as recorded, with the corrections below applied.
  canonical text NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  -- As recorded when enrolment opened; never changes.
  original_canonical text NOT NULL,
  original_sha256 text NOT NULL CHECK (original_sha256 ~ '^[0-9a-f]{64}$'),
  recorded_at timestamptz NOT NULL
);

-- A typo corrected in a source's description: a staff action, audited, public,
-- and the only way the record above ever changes.
CREATE TABLE lottery_announcement_corrections (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  programme_id text NOT NULL REFERENCES lottery_announcements (programme_id),
  -- The source's number, from 1.
  source_number integer NOT NULL CHECK (source_number >= 1),
  description_before text NOT NULL,
  description_after text NOT NULL CHECK (description_after <> description_before),
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  staff_id uuid NOT NULL REFERENCES staff (id),
  corrected_at timestamptz NOT NULL,
  sha256_before text NOT NULL CHECK (sha256_before ~ '^[0-9a-f]{64}$'),
  sha256_after text NOT NULL CHECK (sha256_after ~ '^[0-9a-f]{64}$')
);

CREATE INDEX lottery_announcement_corrections_by_programme ON lottery_announcement_corrections (programme_id, id);

-- A commitment: the original is never rewritten nor deleted, whoever asks; the
-- text in force changes only together with a correction row naming its hashes.
CREATE FUNCTION lottery_announcements_are_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'announcement of % cannot be deleted', OLD.programme_id USING ERRCODE = 'P0001';
  END IF;
  IF NEW.programme_id <> OLD.programme_id OR NEW.original_canonical <> OLD.original_canonical
     OR NEW.original_sha256 <> OLD.original_sha256 OR NEW.recorded_at <> OLD.recorded_at THEN
    RAISE EXCEPTION 'recorded announcement of % cannot change', OLD.programme_id USING ERRCODE = 'P0001';
  END IF;
  IF NEW.sha256 <> OLD.sha256 AND NOT EXISTS (
    SELECT 1 FROM lottery_announcement_corrections c
     WHERE c.programme_id = OLD.programme_id AND c.sha256_before = OLD.sha256 AND c.sha256_after = NEW.sha256
  ) THEN
    RAISE EXCEPTION 'announcement of % changes only by a recorded correction', OLD.programme_id USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER lottery_announcements_kept BEFORE UPDATE OR DELETE ON lottery_announcements
  FOR EACH ROW EXECUTE FUNCTION lottery_announcements_are_kept();

CREATE FUNCTION lottery_announcement_corrections_are_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a recorded correction cannot change or be deleted' USING ERRCODE = 'P0001';
END
$$;

CREATE TRIGGER lottery_announcement_corrections_final BEFORE UPDATE OR DELETE ON lottery_announcement_corrections
  FOR EACH ROW EXECUTE FUNCTION lottery_announcement_corrections_are_final();
