/**
 * Template item validation against every registered platform manifest (src/platforms/registry.ts).
 * The check stays injectable through the workspace, so tests may pass their own.
 */
import { checkAgainstManifests, type TemplateItemCheck } from '../domain/template-items.ts';
import { platformManifests } from '../platforms/registry.ts';

/** Checks an item against every known platform manifest. */
export const checkTemplateItem: TemplateItemCheck = checkAgainstManifests(
  Object.values(platformManifests),
);
