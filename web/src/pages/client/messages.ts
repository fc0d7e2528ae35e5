/**
 * The client page's words: the catalogues live in web/src/i18n (one file per language, data only);
 * this module keeps the client page's imports in one place.
 */
export {
  initialLanguage,
  languages,
  storeLanguage,
  translateAsset,
  translator,
  type Language,
  type MessageKey,
  type Translate,
} from '../../i18n/index.ts';
