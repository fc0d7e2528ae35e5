-- A removal no API can check (a YouTube channel's permissions, a Shopify collaborator account):
-- the agency's member confirms it was done by hand. Such a step is `confirmed`, never `gone`, so
-- the report says who confirmed it and that nothing verified it.

ALTER TABLE offboarding_steps DROP CONSTRAINT offboarding_steps_verified_check;
ALTER TABLE offboarding_steps ADD CONSTRAINT offboarding_steps_verified_check
  CHECK (verified IN ('gone', 'still_present', 'unknown', 'kept', 'confirmed'));
