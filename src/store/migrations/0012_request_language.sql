-- The language a request speaks to its client: the link email, its reminders and the client page's
-- first language (the client can still switch on the page). Null: the agency did not choose; the
-- emails are in English and the page follows the browser. src/domain/client-languages.ts lists the
-- same eight.
ALTER TABLE access_requests ADD COLUMN language text
  CHECK (language IN ('en', 'es', 'de', 'fr', 'it', 'pt', 'nl', 'pl'));
