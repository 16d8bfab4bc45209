-- Following by email (issue 16 §4): anyone may follow a programme, a
-- consultation, a district or a topic, without an account, and is told of
-- each change once (src/follow/, docs/following.md).
--
-- Personal data lives ONLY in follows.email (and in the outbox rows queued
-- for it, which the sent mark clears). An unsubscribed follow is deleted at
-- once; an unconfirmed one once its confirmation link has expired.

-- 1. The one-click unsubscribe address of an email (RFC 8058): the outbox row
--    carries it to the transport, which writes List-Unsubscribe and
--    List-Unsubscribe-Post. It holds a link token, so, like the address and
--    the bodies, it is dropped once the email is sent.
ALTER TABLE outbox ADD COLUMN list_unsubscribe text;

CREATE FUNCTION outbox_sent_drops_unsubscribe() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.list_unsubscribe := NULL;
  RETURN NEW;
END;
$$;

CREATE TRIGGER outbox_sent_drops_unsubscribe
  BEFORE UPDATE OF status ON outbox
  FOR EACH ROW
  WHEN (NEW.status = 'sent' AND NEW.list_unsubscribe IS NOT NULL)
  EXECUTE FUNCTION outbox_sent_drops_unsubscribe();

-- 2. Who follows what. `target` is 'programme:<id>', 'consultation:<id>',
--    'district:<I…XVIII|city>' or 'topic:<tag, lower case>'; public words.
CREATE TABLE follows (
  id uuid PRIMARY KEY,
  target text NOT NULL CHECK (target ~ '^(programme|consultation|district|topic):.+$'),
  frequency text NOT NULL CHECK (frequency IN ('immediate', 'daily')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active')),
  email text NOT NULL,
  created_at timestamptz NOT NULL,
  confirmed_at timestamptz,
  -- SHA-256 of the emailed confirmation token; cleared on use.
  confirmation_token_hash text UNIQUE,
  confirmation_expires_at timestamptz,
  CHECK ((confirmation_token_hash IS NULL) = (confirmation_expires_at IS NULL)),
  CHECK ((status = 'active') = (confirmed_at IS NOT NULL))
);

CREATE UNIQUE INDEX follows_one_per_email ON follows (target, lower(email));
CREATE INDEX follows_active_by_target ON follows (target) WHERE status = 'active';
CREATE INDEX follows_by_email ON follows (lower(email));

-- 3. What the job last saw of each public item of /dane/obserwowane.json
--    (public data only), so a deploy that changes nothing announces nothing.
CREATE TABLE follow_items (
  item_key text PRIMARY KEY,
  -- Counts the changes seen; part of each change's key, so a programme cancelled, restored and cancelled again is news twice.
  revision integer NOT NULL DEFAULT 0,
  fingerprint text NOT NULL,
  state jsonb NOT NULL,
  seen_at timestamptz NOT NULL
);

-- Kinds of item the job has taken as its baseline: the first sight of a
-- kind (the first run, or requests appearing in the file) is not news.
CREATE TABLE follow_kinds (
  kind text PRIMARY KEY,
  baseline_at timestamptz NOT NULL
);

-- 4. Each change, recorded once (change_key names item and what changed),
--    with the targets it concerns and its public words. `announced_at`:
--    the emails to immediate followers are queued.
CREATE TABLE follow_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  change_key text NOT NULL UNIQUE,
  kind text NOT NULL,
  item_key text NOT NULL,
  targets text[] NOT NULL,
  content jsonb NOT NULL,
  recorded_at timestamptz NOT NULL,
  announced_at timestamptz
);

CREATE INDEX follow_changes_unannounced ON follow_changes (id) WHERE announced_at IS NULL;
CREATE INDEX follow_changes_by_time ON follow_changes (recorded_at);

-- 5. Daily digests: a Warsaw day whose digests are queued.
CREATE TABLE follow_digest_days (
  day date PRIMARY KEY,
  queued_at timestamptz NOT NULL
);
