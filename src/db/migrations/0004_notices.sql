-- Notices that send themselves and retention (issue 5, second half).
--
-- 1. Retention: a programme's applications lose their personal data a
--    configurable number of days after its last event (src/notices/retention.ts).
--    The row stays — id, programme, public registration code, status and
--    timestamps — so counts by status and published codes stay correct.
--    `erased_at` says when; an erased row, like a withdrawn one, may hold no
--    personal data, and a live one must still have its address.
ALTER TABLE applications ADD COLUMN erased_at timestamptz;

-- IF EXISTS: the constraint of 0002 is replaced, whoever touched it first.
ALTER TABLE applications DROP CONSTRAINT IF EXISTS applications_withdrawn_hold_no_personal_data;

ALTER TABLE applications ADD CONSTRAINT applications_personal_data_only_while_live
  CHECK (
    CASE WHEN status = 'withdrawn' OR erased_at IS NOT NULL
      THEN num_nonnulls(email, name, district, phone, age_band, organisation, message) = 0
      ELSE email IS NOT NULL
    END
  );

-- The retention job looks for rows still holding data, by programme.
CREATE INDEX applications_not_erased ON applications (programme_id) WHERE erased_at IS NULL AND status <> 'withdrawn';

-- 2. Change notices: what the job last saw of each event (public data only,
--    copied from /dane/wydarzenia.json), so a deploy that changes nothing
--    sends nothing and a real change is announced once. `revision` counts
--    the changes seen; it is part of the notices' dedupe keys, so an event
--    moved there and back and there again is announced each time.
CREATE TABLE event_snapshots (
  event_id text PRIMARY KEY,
  revision integer NOT NULL DEFAULT 0,
  -- SHA-256 (hex, shortened) of `state`.
  fingerprint text NOT NULL,
  -- {status, start, end, place, onlineUrl, phone} as last seen (src/notices/fingerprint.ts).
  state jsonb NOT NULL,
  first_seen_at timestamptz NOT NULL,
  changed_at timestamptz NOT NULL
);
