/**
 * Branding rules: the agency's link slug, brand colour and logo. Pure so the API, the CLI and the
 * web form agree on what is valid.
 */
import { z } from 'zod';

/** Slugs that would clash with product paths or mislead a client. */
const reservedSlugs = new Set(['api', 'app', 'admin', 'l', 'link', 'latchkey', 'setup', 'www']);

export const SlugSchema = z
  .string()
  .min(3)
  .max(40)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and single hyphens only')
  .refine((slug) => !reservedSlugs.has(slug), 'this slug is reserved');

export const BrandColorSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'a hex colour such as #1d4ed8')
  .transform((value) => value.toLowerCase());

/** Uploaded logos are kept as data URLs; this caps them (≈96 KiB of image). */
export const MAX_LOGO_DATA_URL_LENGTH = 131_072;

export const LogoSchema = z.union([
  z
    .string()
    .max(2_048)
    .regex(/^https:\/\/[^\s"'<>]+$/, 'an https:// URL'),
  z
    .string()
    .max(MAX_LOGO_DATA_URL_LENGTH, 'the image is too large (at most about 96 KiB)')
    .regex(
      /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/,
      'a PNG, JPEG, GIF or WebP image',
    ),
]);

/** Turns a display name into a slug candidate (may still need a suffix to be unique). */
export function slugifyName(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/g, '');
  const candidate = base.length >= 3 ? base : `agency-${base}`.replace(/-$/, '');
  return SlugSchema.safeParse(candidate).success ? candidate : `${candidate}-team`;
}
