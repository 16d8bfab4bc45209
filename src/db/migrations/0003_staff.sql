-- Staff: who may sign in to /panel/, their sign-in links and sessions, and
-- the audit log of what they did (issue 5).
--
-- Personal data (of staff, not residents) lives ONLY in staff.email. Link
-- and session tokens are stored as their SHA-256 only. The audit log names
-- people by ids and public registration codes, never by their data.

-- Everyone who has ever been allowed to sign in. A row is kept after its
-- person is removed from the list (allowed_by_table false, not in
-- STAFF_EMAILS) so the audit log can still say who did what.
CREATE TABLE staff (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE CHECK (email = lower(email) AND email LIKE '%_@_%'),
  -- Added with `npm run staff -- add`; addresses in STAFF_EMAILS get a row (false here) on their first sign-in request.
  allowed_by_table boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff_sign_in_links (
  token_hash text PRIMARY KEY,
  staff_id uuid NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  -- Set when the link is used: a link works once.
  used_at timestamptz
);

CREATE INDEX staff_sign_in_links_recent ON staff_sign_in_links (staff_id, created_at);

CREATE TABLE staff_sessions (
  token_hash text PRIMARY KEY,
  staff_id uuid NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  -- Idle expiry counts from here; absolute expiry from created_at.
  last_seen_at timestamptz NOT NULL
);

CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  staff_id uuid NOT NULL REFERENCES staff (id),
  -- e.g. 'sign-in', 'export', 'message', 'delete', 'draw' (src/staff/audit.ts).
  action text NOT NULL CHECK (action ~ '^[a-z][a-z-]{0,39}$'),
  programme_id text,
  -- An application id, a registration code or a message id: never personal data.
  target text,
  -- A count or a short machine note (e.g. '12 recipients'); never personal data.
  detail text,
  at timestamptz NOT NULL
);

CREATE INDEX audit_log_recent ON audit_log (at DESC);
