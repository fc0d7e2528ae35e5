/**
 * The manifests as one agency sees them: the registered platforms, with the custom platform's
 * asset types set to the agency's own definitions (docs/platforms/custom.md). Archived
 * definitions still label what names them; `activeOnly` is what new requests are checked against.
 */
import { withCustomPlatforms } from '../../platforms/custom/manifests.ts';
import type { PlatformManifest, VerificationMethod } from '../../platforms/types.ts';
import type { Executor } from '../../store/audit.ts';
import { listCustomPlatforms } from '../../store/custom-platforms.ts';
import { ownValue } from '../../lib/own.ts';

export type Manifests = Readonly<Record<string, PlatformManifest>>;

/** The registered manifests plus the agency's custom definitions. */
export async function agencyManifests(
  db: Executor,
  base: Manifests,
  agencyId: string,
  options: { activeOnly?: boolean } = {},
): Promise<Record<string, PlatformManifest>> {
  return withCustomPlatforms(base, await listCustomPlatforms(db, agencyId), options);
}

/** How one asset type's access is known: its own confirmer, else its platform's. */
export function verificationOf(
  manifests: Manifests,
  platform: string,
  assetType: string,
): VerificationMethod {
  const manifest = ownValue(manifests, platform);
  const type = manifest?.assetTypes.find((t) => t.id === assetType);
  return type?.verification ?? manifest?.verification ?? 'api';
}
