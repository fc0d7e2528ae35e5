/**
 * The client page's languages. The language comes from the visitor's choice (kept in
 * localStorage), else the browser's languages, else English. Messages have `{name}` placeholders;
 * asset types and levels come from the platform manifests in English and are translated here.
 */
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { it } from './it.ts';
import { nl } from './nl.ts';
import { pl } from './pl.ts';
import { pt } from './pt.ts';
import type { Catalogue, Language, MessageKey } from './types.ts';

export type { Catalogue, Language, MessageKey } from './types.ts';
export { languages } from './languages.ts';
export { translateReason, type ListingReason } from './reasons.ts';

/** Every catalogue by language; English's assets are the manifests' own words. */
export const catalogues: Readonly<Record<Language, Catalogue>> = {
  en: { messages: en, assets: {} },
  es,
  de,
  fr,
  it,
  pt,
  nl,
  pl,
};

const STORAGE_KEY = 'latchkey.language';
const isLanguage = (value: string | null): value is Language =>
  value !== null && Object.hasOwn(catalogues, value);

/** The visitor's own choice on an earlier visit, if any. */
export function storedLanguage(): Language | undefined {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return isLanguage(stored) ? stored : undefined;
}

/** The language to start with: the stored choice, else the browser's, else English. */
export function initialLanguage(): Language {
  const stored = storedLanguage();
  if (stored) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** Remembers the visitor's choice. */
export function storeLanguage(language: Language): void {
  window.localStorage.setItem(STORAGE_KEY, language);
}

export type Translate = (key: MessageKey, values?: Record<string, string>) => string;

/** A translate function for one language. */
export function translator(language: Language): Translate {
  return (key, values = {}) =>
    catalogues[language].messages[key].replace(
      /\{(\w+)\}/g,
      (_match, name: string) => values[name] ?? '',
    );
}

/** An asked item as the API gives it, with the manifest's English words. */
export interface AssetItemWords {
  readonly platform: string;
  readonly assetType: string;
  readonly assetTypeLabel: string;
  readonly permissionLevel?: string;
  readonly levelLabel: string;
  readonly levelDescription?: string;
}

/** The item's type, level and description in `language`, falling back to the English words. */
export function translateAsset(
  language: Language,
  item: AssetItemWords,
): { type: string; level: string; description: string } {
  const words = catalogues[language].assets[`${item.platform}/${item.assetType}`];
  const level = item.permissionLevel ? words?.levels[item.permissionLevel] : undefined;
  return {
    type: words?.label ?? item.assetTypeLabel,
    level: level?.label ?? item.levelLabel,
    description: level?.description ?? item.levelDescription ?? '',
  };
}
