-- Seat quotas (issue 14): the frozen pool of a lottery with quotas carries
-- each code's category values (district, age band), published with it in
-- pula.txt and covered by its SHA-256 (src/draw/pool.ts), since anyone
-- redoing the stratified draw needs them. No names, no addresses: a code and
-- the two answers the quotas count, as the privacy notice says.
ALTER TABLE draws
  -- The quota categories in the announced order, e.g. {district,age-band}; null without quotas.
  ADD COLUMN pool_categories text[],
  -- values[n] holds pool[n]'s value in each category, in that order: [["XVIII","30-44"], …]; null without quotas.
  ADD COLUMN pool_values jsonb,
  ADD CHECK ((pool_categories IS NULL) = (pool_values IS NULL));

-- A frozen pool's values can no more change than its codes.
CREATE OR REPLACE FUNCTION draws_are_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state <> 'frozen' THEN
    RAISE EXCEPTION 'draw of % is final', OLD.programme_id USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.pool IS DISTINCT FROM OLD.pool OR NEW.pool_sha256 <> OLD.pool_sha256 OR NEW.capacity <> OLD.capacity
      OR NEW.pool_categories IS DISTINCT FROM OLD.pool_categories OR NEW.pool_values IS DISTINCT FROM OLD.pool_values) THEN
    RAISE EXCEPTION 'frozen pool of % cannot change', OLD.programme_id USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'draw of % cannot be deleted', OLD.programme_id USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END
$$;

-- Every place a lottery with quotas filled from its waiting list after the
-- draw (a withdrawal, or one between the freeze and the draw), public on
-- the results page with the rule that chose it (src/draw/stratified.ts
-- `promote`): 'quotas' — the first waiting code keeping the quotas
-- satisfiable; 'maxima' — the quotas could no longer be met, the first
-- keeping every maximum; 'none' — no waiting code kept the maxima, the place
-- stayed empty. No personal data: a code, as on the results page.
CREATE TABLE draw_promotions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  programme_id text NOT NULL REFERENCES draws (programme_id),
  promoted_at timestamptz NOT NULL,
  -- The code that got the place; null when it stayed empty.
  code text,
  rule text NOT NULL CHECK (rule IN ('quotas', 'maxima', 'none')),
  -- Waiting codes before it that the rule passed over.
  passed_over integer NOT NULL CHECK (passed_over >= 0),
  CHECK ((code IS NULL) = (rule = 'none'))
);
CREATE INDEX draw_promotions_programme ON draw_promotions (programme_id, id);
