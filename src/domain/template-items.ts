/**
 * Request template items: which platform, asset type and permission level an agency asks for.
 * Validity comes from the platform manifests, looked up through an injected function so this
 * stays pure and works whichever platforms are registered.
 */
import { z } from 'zod';

export const TemplateItemSchema = z
  .object({
    platform: z.string().min(1).max(40),
    assetType: z.string().min(1).max(80),
    permissionLevel: z.string().min(1).max(80),
  })
  .strict();

export type TemplateItem = z.infer<typeof TemplateItemSchema>;

/** Describes what is wrong with one item, or returns undefined when it is valid. */
export type TemplateItemCheck = (item: TemplateItem) => string | undefined;

/** Minimal manifest shape this rule needs (matches src/platforms/types.ts). */
export interface ManifestLike {
  readonly id: string;
  readonly assetTypes: readonly {
    readonly id: string;
    readonly levels: readonly { id: string }[];
  }[];
}

/** Builds a check over a list of manifests: known platform, asset type and level. */
export function checkAgainstManifests(manifests: readonly ManifestLike[]): TemplateItemCheck {
  return (item) => {
    const manifest = manifests.find((candidate) => candidate.id === item.platform);
    if (!manifest) return `unknown platform "${item.platform}"`;
    const assetType = manifest.assetTypes.find((type) => type.id === item.assetType);
    if (!assetType) return `${item.platform} has no asset type "${item.assetType}"`;
    if (!assetType.levels.some((level) => level.id === item.permissionLevel)) {
      return `${item.platform} ${item.assetType} has no permission level "${item.permissionLevel}"`;
    }
    return undefined;
  };
}

/** Problems of a whole item list: each item valid, no platform+asset type twice. */
export function findTemplateProblems(
  items: readonly TemplateItem[],
  check: TemplateItemCheck,
): { index: number; message: string }[] {
  const problems: { index: number; message: string }[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const message = check(item);
    if (message) problems.push({ index, message });
    const key = `${item.platform}/${item.assetType}`;
    if (seen.has(key)) problems.push({ index, message: `${key} appears twice` });
    seen.add(key);
  });
  return problems;
}
