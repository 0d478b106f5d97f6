-- The record (5-15 KB of jsonb) is rewritten on every event and the event payload stored once:
-- compress both with lz4 where the server has it (PostgreSQL 14+ built with lz4, as Neon and
-- Debian's are), several times cheaper in CPU than the default pglz. PGlite has only pglz.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE "customers" ALTER COLUMN "record" SET COMPRESSION lz4;
    ALTER TABLE "stripe_events" ALTER COLUMN "payload" SET COMPRESSION lz4;
    ALTER TABLE "jobs" ALTER COLUMN "payload" SET COMPRESSION lz4;
  END IF;
END
$$;
--> statement-breakpoint
-- Room on each page for the next version of a row, so an update that changes no indexed column
-- (most webhook updates) can be a HOT update and skip the customers indexes.
ALTER TABLE "customers" SET (fillfactor = 70);
