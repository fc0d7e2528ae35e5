/** Names of platforms' things as a person reads them, without saying the platform twice. */

/** Brand words that already say which platform an asset type belongs to. */
const brands = ['Facebook', 'Instagram', 'GA4', 'YouTube', 'Shopify', 'TikTok', 'Google'];

/**
 * "TikTok Ad account", but "Google Ads account" (not "Google Ads Google Ads account") and
 * "Facebook Page" (not "Meta Facebook Page"): the label stands alone when it names a brand or
 * shares a word with the platform's name.
 */
export function assetTypeName(platformName: string, typeLabel: string): string {
  const words = (text: string) =>
    text
      .toLowerCase()
      .split(/[\s()]+/)
      .filter(Boolean);
  const platformWords = new Set(words(platformName).filter((w) => w !== 'google'));
  const labelWords = words(typeLabel);
  const named =
    brands.some((brand) => labelWords.includes(brand.toLowerCase())) ||
    labelWords.some((w) => platformWords.has(w));
  return named ? typeLabel : `${platformName} ${typeLabel}`;
}

/** An id such as `manager_link` or `needs_attention` as words: "manager link", "needs attention". */
export function humanize(id: string): string {
  const text = id.replaceAll('_', ' ').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An audit action, "request.created", as "Request created". */
export function actionWords(action: string): string {
  return humanize(action.replaceAll('.', ' '));
}
