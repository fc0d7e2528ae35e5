/**
 * The client page's languages, each named in its own language: the page's picker and the agency's
 * choice of language for a request (a small module, so the dashboard does not load catalogues).
 */
import type { Language } from './types.ts';

export const languages: readonly { id: Language; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'es', label: 'Español' },
  { id: 'de', label: 'Deutsch' },
  { id: 'fr', label: 'Français' },
  { id: 'it', label: 'Italiano' },
  { id: 'pt', label: 'Português' },
  { id: 'nl', label: 'Nederlands' },
  { id: 'pl', label: 'Polski' },
];
