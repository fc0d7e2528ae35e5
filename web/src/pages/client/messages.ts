/**
 * The client page's words: the catalogues live in web/src/i18n (one file per language, data only);
 * this module keeps the client page's imports in one place.
 */
export {
  initialLanguage,
  languages,
  storeLanguage,
  storedLanguage,
  translateAsset,
  translateReason,
  translator,
  type Language,
  type MessageKey,
  type Translate,
  type ListingReason,
} from '../../i18n/index.ts';
