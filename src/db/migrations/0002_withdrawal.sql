-- Withdrawal and the waiting list (issue 4).
--
-- A withdrawn application keeps its id, programme, public registration code,
-- status and timestamps, and nothing that identifies the person: the email
-- column becomes NULL with the rest, and a CHECK makes that the only way a
-- row can be withdrawn.
ALTER TABLE applications ALTER COLUMN email DROP NOT NULL;

ALTER TABLE applications ADD CONSTRAINT applications_withdrawn_hold_no_personal_data
  CHECK (
    CASE WHEN status = 'withdrawn'
      THEN num_nonnulls(email, name, district, phone, age_band, organisation, message) = 0
      ELSE email IS NOT NULL
    END
  );

-- The waiting list of a first-come programme, in the order people confirmed:
-- whoever confirmed first is promoted first when a place frees up.
CREATE INDEX applications_waitlist ON applications (programme_id, confirmed_at, id) WHERE status = 'waitlisted';
