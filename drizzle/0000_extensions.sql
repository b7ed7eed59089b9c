-- Full-text search building blocks, available on PGlite (contrib) and on PostgreSQL (postgresql-contrib).
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
-- German stemming without accents: "Meissen" finds "Meißen", "Migrantenorganisation" finds "...organisationen".
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'german_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION german_unaccent (COPY = german);
    ALTER TEXT SEARCH CONFIGURATION german_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, german_stem;
  END IF;
END $$;--> statement-breakpoint
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'simple_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION simple_unaccent (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION simple_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
  END IF;
END $$;
