-- Sign-ups (issue 4): applications, the per-programme lock row that makes
-- first-come capacity exact, and the outbox every email goes through.
--
-- Personal data lives ONLY in these columns:
--   applications.email, name, phone, organisation, message  (direct identifiers / free text)
--   applications.district, age_band                          (identifying in combination)
--   outbox.to_address, text_body, html_body                  (cleared once the email is sent)
-- Everything else (ids, programme ids, registration codes, statuses,
-- declarations, timestamps, token hashes, error codes) is not personal data.

CREATE TABLE applications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  programme_id text NOT NULL,
  -- Public: shown to the person and in the draw results; random, never derived from personal data.
  registration_code text NOT NULL UNIQUE CHECK (registration_code ~ '^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$'),
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'confirmed', 'withdrawn', 'accepted', 'waitlisted')),
  email text NOT NULL,
  name text,
  district text,
  phone text,
  age_band text,
  organisation text,
  message text,
  -- Ids of the declarations the person ticked (their texts live in the programme's content).
  declarations text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  confirmed_at timestamptz,
  withdrawn_at timestamptz,
  -- SHA-256 of the emailed confirmation token: the token itself is never stored.
  confirmation_token_hash text UNIQUE,
  confirmation_expires_at timestamptz,
  CHECK ((confirmation_token_hash IS NULL) = (confirmation_expires_at IS NULL))
);

-- One live application per address and programme; withdrawing frees the address.
CREATE UNIQUE INDEX applications_one_per_email
  ON applications (programme_id, lower(email))
  WHERE status <> 'withdrawn';

CREATE INDEX applications_by_programme_status ON applications (programme_id, status);

-- One row per programme that gives out places. Whoever decides on a place
-- locks this row (SELECT … FOR UPDATE) and then counts the accepted
-- applications, so concurrent confirmations for one programme queue up
-- here and the count each sees is final. Holds no data of its own.
CREATE TABLE programme_places (
  programme_id text PRIMARY KEY
);

CREATE TABLE outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- What the email is for, e.g. 'confirm-application'; no personal data.
  kind text NOT NULL,
  -- Names the business event, e.g. 'confirm-application:<application id>', so it is queued once.
  dedupe_key text NOT NULL UNIQUE,
  to_address text,
  -- Subjects carry no personal data by convention (they end up in server logs elsewhere).
  subject text NOT NULL,
  text_body text,
  html_body text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- While 'sending': when the claim lapses and another worker may try again.
  claimed_until timestamptz,
  -- An error code such as 'ECONNECTION' or 'SMTP 451'; never the server's text, which can quote the address.
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  CHECK (status = 'sent' OR (to_address IS NOT NULL AND text_body IS NOT NULL AND html_body IS NOT NULL))
);

CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status IN ('pending', 'sending');
