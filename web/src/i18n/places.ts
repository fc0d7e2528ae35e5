/**
 * Where a client removes an agency's access later, per platform: the product's own place names
 * (menus as the platforms label them), so no page names a place that does not exist.
 */
export const removeAccessPlaces: Readonly<Record<string, string>> = {
  tiktok: 'TikTok Business Center › Partners',
  meta: 'Meta Business Suite › Settings › Partners',
  google_ads: 'Google Ads › Admin › Access and security',
  ga4: 'Google Analytics › Admin › Property access management',
  gtm: 'Google Tag Manager › Admin › User Management',
  search_console: 'Search Console › Settings › Users and permissions',
  youtube: 'YouTube Studio › Settings › Permissions',
  shopify: 'Shopify admin › Settings › Users',
  linkedin:
    'LinkedIn Campaign Manager › Account settings › Manage access (Pages: Page admin view › Settings › Manage admins)',
  pinterest: 'Pinterest › Business settings › Partners',
  microsoft_ads: 'Microsoft Advertising › Accounts & Billing › Accounts',
  snapchat: 'Snap Business Manager › Members',
  business_profile: 'Google Business Profile › Business Profile settings › People and access',
  x_ads: 'X ads manager (ads.x.com) › account menu › Edit access to account',
  // A custom tool: each definition's removal steps name the exact place.
  custom: 'the tool’s own user or team settings (as the agency’s removal steps say)',
  merchant_center: 'Google Merchant Center › Settings › People and access',
};

/** The place for a platform, or the platform's own name when none is listed. */
export function removeAccessPlace(platform: string, platformName: string): string {
  return removeAccessPlaces[platform] ?? platformName;
}
