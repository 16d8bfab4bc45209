-- Issue 16: residents support a request for a consultation (wniosek o
-- konsultacje) online, with double opt-in; staff add paper supports as a
-- number with a note; personal data is erased after the request's final
-- answer (src/requests/).
--
-- Personal data lives ONLY in these columns:
--   request_supports.email, name, address   (the supporter)
--   request_paper_supports.note              (staff's note; the form asks for no names, but it is erased too)
-- Everything else (ids, request ids, statuses, timestamps, token hashes,
-- counts) is not personal data. Counts survive erasure: an erased support
-- keeps its row, status and timestamps.

CREATE TABLE request_supports (
  id uuid PRIMARY KEY,
  -- The request's id in the content (src/content/wnioski/<id>.md), as /dane/wnioski.json gives it.
  request_id text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'withdrawn')),
  email text,
  name text,
  -- Street and number in Kraków, as typed: not checked against a register (the office verifies).
  address text,
  created_at timestamptz NOT NULL,
  confirmed_at timestamptz,
  withdrawn_at timestamptz,
  -- Set when retention (or an expired link) erased the personal columns.
  erased_at timestamptz,
  -- SHA-256 of the emailed confirmation token: the token itself is never stored.
  confirmation_token_hash text UNIQUE,
  confirmation_expires_at timestamptz,
  CHECK ((confirmation_token_hash IS NULL) = (confirmation_expires_at IS NULL)),
  -- A live support has all three; a withdrawn or erased one none.
  CHECK (
    CASE WHEN status = 'withdrawn' OR erased_at IS NOT NULL
      THEN email IS NULL AND name IS NULL AND address IS NULL
      ELSE email IS NOT NULL AND name IS NOT NULL AND address IS NOT NULL
    END
  )
);

-- One support per address and request; withdrawing frees the address.
CREATE UNIQUE INDEX request_supports_one_per_email
  ON request_supports (request_id, lower(email))
  WHERE status <> 'withdrawn' AND email IS NOT NULL;

CREATE INDEX request_supports_by_request_status ON request_supports (request_id, status);

-- Paper supports typed by staff in the panel: a number (a negative one
-- corrects an earlier entry) with a note; audited (audit_log) in the same
-- transaction.
CREATE TABLE request_paper_supports (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id text NOT NULL,
  count integer NOT NULL CHECK (count <> 0 AND count BETWEEN -100000 AND 100000),
  note text,
  staff_id uuid NOT NULL REFERENCES staff (id),
  added_at timestamptz NOT NULL,
  erased_at timestamptz
);

CREATE INDEX request_paper_supports_by_request ON request_paper_supports (request_id);

-- What the scheduled job last found about each request with supports
-- (src/requests/retention.ts): the day its data is erased, and, for a
-- request no longer in /dane/wnioski.json, since when it has been missing.
CREATE TABLE request_support_retention (
  request_id text PRIMARY KEY,
  final_answer_on date,
  missing_since timestamptz,
  erase_after timestamptz,
  erased_at timestamptz,
  checked_at timestamptz NOT NULL
);
