-- What the city decided about the remarks residents sent through a
-- consultation's own form (issue 16): staff export the remarks to CSV for the
-- responsible unit, which fills in a topic, an anonymised summary, a decision
-- and its justification; the import stores them here, one row per remark
-- (an application of the consultation's form), and the panel turns the rows
-- into the list the consultation's content takes (src/remarks/).
--
-- Personal data: none by design. The summary is the unit's anonymised
-- rewording, never the resident's own words (those stay in
-- applications.message and go with it); the row is kept when the retention
-- job erases the application's personal columns, because the published
-- results go on citing it.
CREATE TABLE remark_decisions (
  application_id uuid PRIMARY KEY REFERENCES applications (id) ON DELETE CASCADE,
  consultation_id text NOT NULL,
  topic text NOT NULL CHECK (length(btrim(topic)) BETWEEN 1 AND 200),
  summary text NOT NULL CHECK (length(btrim(summary)) BETWEEN 1 AND 2000),
  -- src/data/consultations.ts remarkDecisions; NULL while undecided.
  decision text CHECK (decision IN ('accepted', 'partly-accepted', 'rejected', 'out-of-scope')),
  justification text CHECK (length(justification) <= 4000),
  -- The schema's rule (src/schemas/remarks.ts): no decision without a justification.
  CHECK (decision IS NULL OR length(btrim(coalesce(justification, ''))) > 0),
  decided_by uuid NOT NULL REFERENCES staff (id),
  updated_at timestamptz NOT NULL
);

CREATE INDEX remark_decisions_by_consultation ON remark_decisions (consultation_id);
