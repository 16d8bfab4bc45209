-- The Netlify clock (issue 10, src/site/netlify-clock.ts): rebuilds asked of
-- Netlify's build hook because a boundary of time passed (an enrolment
-- opening or closing, a draw date, an event's end; src/site/boundaries.ts).
--
-- The scheduled function runs every minute while a build takes several, so
-- without a record it would ask again each minute until the new deploy is
-- published. One row per boundary instant: the first run that sees it passed
-- inserts the row and calls the hook; later runs find the row and wait. A
-- request that brought no new deploy within the retry time (a failed build)
-- may be made again; one the hook refused is released at once (requested_at
-- NULL) for the next run. Nothing here is personal data.
CREATE TABLE rebuild_requests (
  boundary_at timestamptz PRIMARY KEY,
  -- What changes at that instant, in Polish, for the logs ("koniec naboru: …").
  what text NOT NULL,
  -- generatedAt of the published deploy that was stale when the hook was called.
  stale_built_at timestamptz NOT NULL,
  -- When the hook was last called successfully or is being called; NULL after a refusal.
  requested_at timestamptz,
  -- Calls made for this boundary, refused ones included.
  attempts integer NOT NULL DEFAULT 1 CHECK (attempts > 0)
);
