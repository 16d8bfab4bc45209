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

-- The waiting list of a first-come programme. Each waitlisted application
-- gets the next number of its programme, assigned under the programme's
-- place lock (capacity.ts), so the numbers follow the order of the decisions
-- exactly — timestamps could tie or arrive out of order. The lowest number
-- still waiting is promoted first; a person's place on the list is the count
-- of waiting numbers up to theirs.
ALTER TABLE applications ADD COLUMN waitlist_number integer;
CREATE INDEX applications_waitlist ON applications (programme_id, waitlist_number) WHERE status = 'waitlisted';
