-- An agency's own platforms ("any tool", docs/platforms/custom.md): one row per definition,
-- scoped by agency. `slug` is the asset type id requests and templates name under the `custom`
-- platform, so it never changes and a definition is never deleted, only archived (archived ones
-- are not offered for new requests; open requests and grants still read them). `definition`
-- holds the checked body (name, logo, steps, fields, levels, confirmer, removal), read back
-- through zod. `ready_made`: the ready-made definition it was copied from, if any.
CREATE TABLE custom_platforms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  slug text NOT NULL CHECK (slug ~ '^[a-z][a-z0-9_]{1,39}$'),
  definition jsonb NOT NULL,
  ready_made text,
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agency_id, slug)
);
