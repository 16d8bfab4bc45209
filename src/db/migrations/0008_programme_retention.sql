-- Issue 11 §5: applications of a programme or consultation that is no longer
-- on the site stay within staff's reach, and retention covers them.
--
-- One row per programme (or consultation) id that has applications, kept by
-- the scheduled job (src/notices/retention.ts) on every run, for the job
-- itself and for the staff panel (src/staff/unpublished.ts):
--
-- - its kind and title as the public files last showed them, so the panel
--   can name it after its content is gone;
-- - `known_erase_after`: the retention date the public files gave at the
--   last run that found it in them (`last_seen_at`);
-- - `missing_since`: when a run first found it in neither public file
--   (/dane/zapisy.json, /dane/wydarzenia.json); NULL while they know it;
-- - `erase_after`: the date in force — `known_erase_after` while the files
--   know it; once it is missing, the earlier of `known_erase_after` and
--   `missing_since` + RETENTION_DAYS (the rule for programmes no longer
--   published; README "Notices and retention").
--
-- Nothing here is personal data: ids, titles and dates of published content.
CREATE TABLE programme_retention (
  programme_id text PRIMARY KEY,
  kind text CHECK (kind IN ('programme', 'consultation')),
  title text,
  last_seen_at timestamptz,
  known_erase_after timestamptz,
  missing_since timestamptz,
  erase_after timestamptz NOT NULL,
  -- RETENTION_DAYS at the last run, for the panel's sentence about the rule.
  retention_days integer NOT NULL CHECK (retention_days > 0),
  checked_at timestamptz NOT NULL,
  CHECK (missing_since IS NOT NULL OR known_erase_after IS NOT NULL)
);
