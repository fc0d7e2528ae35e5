-- Erasure of a client (GDPR art. 17): the audit log stays append-only, except that the erasure
-- may rewrite the events that name the erased client (their ids, names and emails become counts).
-- Only a transaction that set `latchkey.erasure` to 'on' (SET LOCAL, src/store/client-erasure.ts)
-- may update a row; nothing may delete one.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('latchkey.erasure', true) = 'on' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
