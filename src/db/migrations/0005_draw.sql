-- The lottery (issue 6): one draw per programme, publicly verifiable.
--
-- A row appears when the programme's pool is frozen (the confirmed
-- registration codes, in canonical order, and their SHA-256), and is
-- completed once, when staff enter the announced sources' values. Nothing
-- here is personal data: codes are public by design, and the protocol is
-- exactly what the results page publishes.
CREATE TABLE draws (
  programme_id text PRIMARY KEY,
  -- 'frozen': pool fixed and published, waiting for the sources' values;
  -- 'drawn': ordered by RFC 3797; 'not-needed': the pool fitted the places, everyone accepted, no draw run.
  state text NOT NULL CHECK (state IN ('frozen', 'drawn', 'not-needed')),
  capacity integer NOT NULL CHECK (capacity > 0),
  -- Registration codes in the canonical order (src/draw/pool.ts); position i is number i + 1.
  pool text[] NOT NULL,
  pool_sha256 text NOT NULL CHECK (pool_sha256 ~ '^[0-9a-f]{64}$'),
  frozen_at timestamptz NOT NULL,
  -- The published protocol (src/draw/protocol.ts), written once with the result.
  protocol jsonb,
  decided_at timestamptz,
  -- The staff account that entered the sources (null for 'not-needed', decided by the job).
  decided_by text,
  CHECK ((state = 'frozen') = (protocol IS NULL AND decided_at IS NULL))
);

-- Once only: a drawn (or not-needed) row can never change or disappear, whoever asks —
-- not the application, not a second staff member, not a replayed request.
CREATE FUNCTION draws_are_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state <> 'frozen' THEN
    RAISE EXCEPTION 'draw of % is final', OLD.programme_id USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.pool IS DISTINCT FROM OLD.pool OR NEW.pool_sha256 <> OLD.pool_sha256 OR NEW.capacity <> OLD.capacity) THEN
    RAISE EXCEPTION 'frozen pool of % cannot change', OLD.programme_id USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'draw of % cannot be deleted', OLD.programme_id USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER draws_final BEFORE UPDATE OR DELETE ON draws FOR EACH ROW EXECUTE FUNCTION draws_are_final();
