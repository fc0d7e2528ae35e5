// Guided manual steps: exact instructions and the Shopify store URL / collaborator code checks.
import { describe, expect, it } from 'vitest';
import {
  isCollaboratorCode,
  normalizeShopifyStore,
  searchConsoleGuide,
  shopifyGuide,
} from '../../../../src/platforms/manual/guides.ts';

describe('manual guides', () => {
  it('Search Console names the property, the agency email and the permission', () => {
    const step = searchConsoleGuide({
      siteUrl: 'sc-domain:acme-outdoor.example',
      agencyEmail: 'ops@agency.example',
      permission: 'full',
    });
    expect(step.instructions.join(' ')).toContain('ops@agency.example');
    expect(step.instructions.join(' ')).toContain('Full');
    expect(step.actionUrl).toBe(
      'https://search.google.com/search-console/users?resource_id=sc-domain%3Aacme-outdoor.example',
    );
  });

  it('Shopify accepts only myshopify.com stores and 4-digit codes', () => {
    expect(normalizeShopifyStore('https://Acme-Outdoor.myshopify.com/admin')).toBe(
      'acme-outdoor.myshopify.com',
    );
    expect(normalizeShopifyStore('acme-outdoor.example')).toBeNull();
    expect(isCollaboratorCode('0421')).toBe(true);
    expect(isCollaboratorCode('42')).toBe(false);
    expect(
      shopifyGuide({ storeUrl: 'acme-outdoor.myshopify.com', agencyName: 'Northwind' }).actionUrl,
    ).toBe('https://acme-outdoor.myshopify.com/admin/settings/account');
  });
});
