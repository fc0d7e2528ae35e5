-- What the client typed for a guided platform's step, one row per grant: the Search Console
-- property, the YouTube channel, the Shopify store URL and its collaborator request code. Kept
-- apart from the grant row (the grant names the asset; this holds the facts the agency needs).

CREATE TABLE grant_inputs (
  grant_id uuid PRIMARY KEY REFERENCES grants(id) ON DELETE CASCADE,
  agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  platform text NOT NULL,
  -- {"kind": "store_and_code", "storeUrl": "...", "collaboratorCode": "1234"}; checked with zod.
  input jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX grant_inputs_agency_idx ON grant_inputs (agency_id);
