/**
 * An agency's custom definitions as the custom platform's asset types (asset type id = the
 * definition's slug), overlaid on the registered manifests; the client's step, the checking of
 * what the client fills in, and the removal step at offboarding, all from the definition.
 */
import { z } from 'zod';
import type { AssetTypeManifest, ManualStep, PlatformManifest } from '../types.ts';
import { hasControl, type CustomPlatformDefinition } from './definition.ts';
import { customManifest } from './manifest.ts';

type Manifests = Readonly<Record<string, PlatformManifest>>;

/** One definition as an asset type of the custom platform. */
export function customAssetType(definition: CustomPlatformDefinition): AssetTypeManifest {
  return {
    id: definition.slug,
    label: definition.name,
    platformKey: definition.slug,
    grantMethod: 'guided',
    clientInput: 'custom_fields',
    verification:
      definition.confirmedBy === 'agency' ? 'agency_confirmation' : 'client_confirmation',
    custom: {
      logo: definition.logo,
      actionUrl: definition.actionUrl,
      inviteEmail: definition.inviteEmail,
      steps: definition.steps,
      fields: definition.fields,
      removal: definition.removal,
      archived: definition.archivedAt !== null,
    },
    levels: definition.levels,
  };
}

/**
 * The manifests with the custom platform's asset types set to these definitions. Archived ones
 * are kept for reading (an open request or a grant still names them) unless `activeOnly`, which
 * is what a new request or template is checked against.
 */
export function withCustomPlatforms(
  base: Manifests,
  definitions: readonly CustomPlatformDefinition[],
  options: { activeOnly?: boolean } = {},
): Record<string, PlatformManifest> {
  const used = options.activeOnly ? definitions.filter((d) => d.archivedAt === null) : definitions;
  return { ...base, custom: { ...customManifest, assetTypes: used.map(customAssetType) } };
}

/** The definition's words with {agency}, {email} and {level} filled in. */
function fill(text: string, values: { agency: string; email: string; level: string }): string {
  return text
    .replaceAll('{agency}', values.agency)
    .replaceAll('{email}', values.email)
    .replaceAll('{level}', values.level);
}

/** The client's step for one grant of a definition (stored on the grant at approval). */
export function customStep(
  type: AssetTypeManifest,
  input: { level: string; agencyName: string },
): ManualStep {
  const inviteEmail = type.custom?.inviteEmail ?? null;
  const actionUrl = type.custom?.actionUrl ?? null;
  const level = type.levels.find((l) => l.id === input.level)?.label ?? input.level;
  const values = {
    agency: input.agencyName,
    email: inviteEmail ?? `${input.agencyName}'s email address (ask them)`,
    level,
  };
  const confirm =
    type.verification === 'agency_confirmation'
      ? `${input.agencyName} marks this done once it sees the access (no ${type.label} API can confirm it).`
      : `Then press "I have done this": your confirmation is recorded as yours (no ${type.label} API can confirm it).`;
  return {
    title: `Give ${input.agencyName} access to ${type.label}`,
    instructions: [...(type.custom?.steps ?? []).map((s) => fill(s, values)), confirm],
    ...(actionUrl ? { actionUrl } : {}),
  };
}

/** What the client sends for a custom type: one value per field id. */
export const CustomFieldsInputSchema = z
  .object({
    kind: z.literal('custom_fields'),
    fields: z
      .record(z.string().max(30), z.string().max(300))
      .refine((fields) => Object.keys(fields).length <= 10, 'At most 10 fields'),
  })
  .strict();
export type CustomFieldsInput = z.infer<typeof CustomFieldsInputSchema>;

/**
 * Checks what the client filled in against the definition's fields: required ones present, each
 * value of its kind, no unknown field. The asset is named by the first filled-in field (else the
 * tool itself); the values are stored with the grant for the agency.
 */
export function resolveCustomInput(
  type: AssetTypeManifest,
  input: CustomFieldsInput | undefined,
): { assetId: string; assetName: string; stored: Record<string, string> } | { problem: string } {
  const fields = type.custom?.fields ?? [];
  const given = input?.fields ?? {};
  const stored: Record<string, string> = {};
  for (const key of Object.keys(given))
    if (!fields.some((f) => f.id === key)) return { problem: `"${key}" is not asked for here` };
  for (const field of fields) {
    const raw = Object.hasOwn(given, field.id) ? (given[field.id] ?? '') : '';
    const value = raw.trim();
    if (value === '') {
      if (field.required) return { problem: `Fill in “${field.label}”` };
      continue;
    }
    if (hasControl(value)) return { problem: `“${field.label}” is plain text` };
    if (field.kind === 'email' && !z.email().safeParse(value).success)
      return { problem: `“${field.label}” is an email address` };
    if (field.kind === 'url' && !isWebUrl(value))
      return { problem: `“${field.label}” is a web address (https://…)` };
    stored[field.id] = value;
  }
  const first = fields.find((f) => stored[f.id] !== undefined);
  const named = first ? (stored[first.id] ?? '') : '';
  const assetId = (named || type.id).slice(0, 100);
  return {
    assetId,
    assetName: named ? `${type.label}: ${named}`.slice(0, 200) : type.label,
    stored,
  };
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(/^https?:\/\//i.test(value) ? value : `https://${value}`);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** The offboarding's manual step for a custom grant: the definition's own removal text. */
export function customRemovalStep(
  type: AssetTypeManifest,
  asset: { assetId: string; assetName: string },
): { title: string; instructions: string[]; verification: string } {
  return {
    title: `Remove the agency's access to ${asset.assetName}`,
    instructions: [
      ...(type.custom?.removal ?? []),
      'Then confirm the removal on the offboarding report.',
    ],
    verification: `No ${type.label} API can see this access: a person's confirmation is recorded as such, not verified.`,
  };
}
