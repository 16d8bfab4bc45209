-- The lottery's published files (issue 13): pula.txt and protokol.json, as
-- the exact bytes served, written once when they come into being — the pool
-- when it freezes, the protocol when the draw (or the decision that no draw
-- is needed) commits — in the same transaction as the draws row. A request
-- reads one row and sends it with its SHA-256 as a strong ETag, never
-- serializing 50,000 codes again.
--
-- Rows of draws made before this migration are written on their first
-- request, from the draws row, by the same code (src/lottery/files.ts).
CREATE TABLE draw_files (
  programme_id text NOT NULL REFERENCES draws (programme_id),
  name text NOT NULL CHECK (name IN ('pula.txt', 'protokol.json')),
  body text NOT NULL,
  -- Lowercase hex SHA-256 of the UTF-8 body; for pula.txt, the pool hash the draws row publishes.
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (programme_id, name)
);

-- Published bytes never change: no update, no delete, whoever asks.
CREATE FUNCTION draw_files_are_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'published file % of % cannot change', OLD.name, OLD.programme_id USING ERRCODE = 'P0001';
END
$$;

CREATE TRIGGER draw_files_final BEFORE UPDATE OR DELETE ON draw_files FOR EACH ROW EXECUTE FUNCTION draw_files_are_final();
