/** The shapes of the client page's translations: one catalogue per language, data only. */
import type { en } from './en.ts';

/** Every language the client page speaks; English is the fallback. */
export type Language = 'en' | 'es' | 'de' | 'fr' | 'it' | 'pt' | 'nl' | 'pl';

export type MessageKey = keyof typeof en;

/** One asset type's words in a language: its label, and each level's label and description. */
export interface AssetWords {
  readonly label: string;
  readonly levels: Readonly<
    Record<string, { readonly label: string; readonly description: string }>
  >;
}

/**
 * A language's catalogue: the page's messages, and the platform manifests' asset types and levels
 * keyed `platform/assetType` (English needs none: the manifests are written in English).
 */
export interface Catalogue {
  readonly messages: Readonly<Record<MessageKey, string>>;
  readonly assets: Readonly<Record<string, AssetWords>>;
}
