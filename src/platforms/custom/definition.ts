/**
 * An agency's definition of a custom platform ("any tool"), checked with zod: its name and logo,
 * the steps the client follows, the fields the client fills in, the permission levels it offers,
 * who confirms, and the steps a person follows to remove access at offboarding. Every string is
 * bounded and free of control characters; a logo is an https URL or a small raster data URL whose
 * bytes really are that image. Design: docs/platforms/custom.md.
 */
import { z } from 'zod';

/** True when text holds a control character (NUL, escapes, newlines, line separators). */
export function hasControl(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029)
      return true;
  }
  return false;
}
const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !hasControl(value), 'Use plain text: no control characters');

/** A slug: lower-case letters, digits and underscores, starting with a letter. */
export const SlugSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{1,39}$/,
    'Use 2 to 40 lower-case letters, digits or _, starting with a letter',
  );
const FieldIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,29}$/, 'Use lower-case letters, digits or _, starting with a letter')
  .refine((id) => id !== 'kind', '"kind" is reserved');

/** The largest data-URL logo, in characters (about 24 KB of image). */
export const MAX_LOGO_DATA_URL = 32_000;
const RASTER: Readonly<Record<string, (bytes: Buffer) => boolean>> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  'image/webp': (b) =>
    b.subarray(0, 4).toString('latin1') === 'RIFF' &&
    b.subarray(8, 12).toString('latin1') === 'WEBP',
};

/** Why a logo is refused, or null when it is a usable https URL or small raster data URL. */
export function logoProblem(value: string): string | null {
  if (value.startsWith('data:')) {
    if (value.length > MAX_LOGO_DATA_URL)
      return `A data-URL logo is at most ${MAX_LOGO_DATA_URL} characters: use a smaller image or an https URL`;
    const match = /^data:(image\/(?:png|jpeg|gif|webp));base64,([A-Za-z0-9+/]+={0,2})$/.exec(value);
    if (!match) return 'A data-URL logo is a base64 PNG, JPEG, GIF or WebP image';
    const bytes = Buffer.from(match[2] ?? '', 'base64');
    const check = RASTER[match[1] ?? ''];
    if (!check || bytes.length < 12 || !check(bytes))
      return 'The data URL does not hold the image its type says';
    return null;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'A logo is an https URL or a data URL';
  }
  if (url.protocol !== 'https:') return 'A logo URL starts with https://';
  if (url.username || url.password) return 'A logo URL holds no user name or password';
  if (value.length > 2_000) return 'A logo URL is at most 2000 characters';
  return null;
}

const LogoSchema = z
  .string()
  .max(MAX_LOGO_DATA_URL + 1)
  .superRefine((value, ctx) => {
    const problem = logoProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const HttpsUrlSchema = z
  .string()
  .max(2_000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'Use an https:// address');

export const CustomFieldSchema = z
  .object({
    id: FieldIdSchema,
    label: line(80),
    kind: z.enum(['text', 'email', 'url']),
    required: z.boolean(),
  })
  .strict();

export const CustomLevelSchema = z
  .object({ id: SlugSchema, label: line(80), description: line(300) })
  .strict();

/** The editable part of a definition (everything but its slug, which requests refer to). */
const DefinitionBaseSchema = z
  .object({
    name: line(80),
    /** An https URL or a small PNG/JPEG/GIF/WebP data URL; null for none. */
    logo: LogoSchema.nullable(),
    /** Where the client starts (the tool's users page), shown as the step's button. */
    actionUrl: HttpsUrlSchema.nullable(),
    /** The address the client invites, put in the steps where they say {email}. */
    inviteEmail: z.email().max(320).nullable(),
    /** The steps the client follows, in order; {agency}, {email} and {level} are filled in. */
    steps: z.array(line(500)).min(1).max(20),
    /** What the client fills in; the first field names the asset. */
    fields: z.array(CustomFieldSchema).max(10),
    /** The permission levels a request may ask for, lowest first. */
    levels: z.array(CustomLevelSchema).min(1).max(10),
    /** Who says it is done: the client, or the agency once it sees the access. */
    confirmedBy: z.enum(['client', 'agency']),
    /** The steps a person follows to remove the agency's access at offboarding. */
    removal: z.array(line(500)).min(1).max(10),
  })
  .strict();

/** Field and level ids are unique within a definition. */
function checkUnique(
  body: { fields: readonly { id: string }[]; levels: readonly { id: string }[] },
  ctx: z.RefinementCtx,
): void {
  const unique = (ids: readonly string[], path: string) =>
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index)
        ctx.addIssue({
          code: 'custom',
          path: [path, index, 'id'],
          message: `"${id}" appears twice`,
        });
    });
  unique(
    body.fields.map((f) => f.id),
    'fields',
  );
  unique(
    body.levels.map((l) => l.id),
    'levels',
  );
}

export const DefinitionBodySchema = DefinitionBaseSchema.superRefine(checkUnique);
export type DefinitionBody = z.infer<typeof DefinitionBaseSchema>;

/** A new definition: its slug (the asset type id requests name) and body. */
export const NewDefinitionSchema = DefinitionBaseSchema.extend({ slug: SlugSchema })
  .strict()
  .superRefine(checkUnique);

/** A change: any editable part, and `archived` (a definition is archived, never deleted). */
export const DefinitionPatchSchema = DefinitionBaseSchema.partial()
  .extend({ archived: z.boolean().optional() })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

/** A stored definition, as the store reads it back. */
export interface CustomPlatformDefinition extends DefinitionBody {
  readonly id: string;
  readonly slug: string;
  readonly readyMade: string | null;
  readonly archivedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
