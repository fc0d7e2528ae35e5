/** The client page's calls to the public onboarding API (authorized by the link alone). */
import { apiFetch } from '../dashboard/api.ts';
import type { Language, ListingReason } from './messages.ts';

export interface OnboardingView {
  agency: { name: string; brandColor: string | null; logoUrl: string | null };
  request: {
    title: string;
    message: string | null;
    /** The language the agency chose for this client, if it chose one. */
    language: Language | null;
    accessEndsAt: string | null;
    items: {
      platform: string;
      platformName: string;
      assetType: string;
      assetTypeLabel: string;
      grantMethod: string;
      clientInput:
        'site_url' | 'channel' | 'store_and_code' | 'ads_account_id' | 'custom_fields' | null;
      permissionLevel: string;
      levelLabel: string;
      levelDescription: string;
      /** A custom tool's logo, steps (agency name filled in) and the fields the client fills in. */
      custom?: {
        logo: string | null;
        actionUrl: string | null;
        steps: string[];
        fields: { id: string; label: string; kind: 'text' | 'email' | 'url'; required: boolean }[];
      } | null;
    }[];
  };
  onboarding: { status: string };
  platforms: {
    id: string;
    name: string;
    connected: boolean;
    agencyReady: boolean;
    /** Every asked type is a guided step: no sign-in, the client types what the step needs. */
    guided: boolean;
    verification: string;
    agencyIdentity: string | null;
  }[];
}

export interface ClientAsset {
  type: string;
  id: string;
  name: string;
  ownerName?: string;
  blocked?: ListingReason;
}

export interface AssetListing {
  businesses: { id: string; name: string; isAdmin: boolean }[];
  assets: ClientAsset[];
  notice?: ListingReason;
  missingTypes: string[];
}

export interface GrantView {
  id: string;
  platform: string;
  assetType: string;
  assetTypeLabel: string;
  assetId: string;
  assetName: string;
  permissionLevel: string;
  levelLabel: string;
  status: string;
  alreadyShared: boolean;
  failureReason: string | null;
  manualStep: {
    kind: string;
    title: string | null;
    detail: string | null;
    instructions: string[];
    actionUrl: string | null;
    qrCodeDataUrl: string | null;
  } | null;
  /** `api` (read back), `client_confirmation` or `agency_confirmation` (a person's word). */
  verification: string;
  grantMethod: string;
  confirmedBy: 'client' | 'agency' | null;
  clientInput: Record<string, string> | null;
}

/** What the client typed for a guided asset type. */
export type GuidedInput =
  | { kind: 'site_url'; siteUrl: string }
  | { kind: 'channel'; channel: string }
  | { kind: 'store_and_code'; storeUrl: string; collaboratorCode?: string }
  | { kind: 'ads_account_id'; accountId: string }
  | { kind: 'custom_fields'; fields: Record<string, string> };

export interface Selection {
  platform: string;
  assetType: string;
  assetId?: string;
  input?: GuidedInput;
}

export interface ProgressView {
  onboarding: { status: string };
  working: boolean;
  grantedTo: { platform: string; businessId: string | null; businessName: string | null }[];
  grants: GrantView[];
}

/** The onboarding API for one link. */
export function onboardingApi(token: string) {
  const base = `/api/v1/onboarding/${token}`;
  let opening: Promise<void> | undefined;
  let lastProgress: { etag: string; view: ProgressView } | undefined;
  return {
    load: () => {
      // The first open is recorded by a write of its own; the page's GETs only read.
      opening ??= apiFetch<void>(`${base}/open`, { method: 'POST' }).catch(() => undefined);
      return apiFetch<OnboardingView>(base);
    },
    start: (platform: string) =>
      apiFetch<{ authorizationUrl: string }>(`${base}/oauth/${platform}/start`, { method: 'POST' }),
    assets: (platform: string) =>
      apiFetch<AssetListing>(`${base}/assets/${platform}`, { method: 'POST' }),
    approve: (selections: Selection[]) =>
      apiFetch<{ grants: GrantView[] }>(`${base}/approve`, {
        method: 'POST',
        body: { selections },
      }),
    progress: async (): Promise<ProgressView> => {
      // Polled every second: an unchanged answer comes back as a 304 without a body.
      const response = await fetch(`${base}/progress`, {
        credentials: 'same-origin',
        headers: lastProgress ? { 'if-none-match': lastProgress.etag } : {},
      });
      // A new object each time, even when unchanged: the page schedules its next poll when the
      // progress state changes, and React ignores a state set to the very same object.
      if (response.status === 304 && lastProgress) return { ...lastProgress.view };
      if (!response.ok) return apiFetch<ProgressView>(`${base}/progress`);
      const view = (await response.json()) as ProgressView;
      const etag = response.headers.get('etag');
      lastProgress = etag ? { etag, view } : undefined;
      return view;
    },
    check: (grantId: string) =>
      apiFetch<{ grant: GrantView }>(`${base}/grants/${grantId}/check`, { method: 'POST' }),
    confirm: (grantId: string) =>
      apiFetch<{ grant: GrantView }>(`${base}/grants/${grantId}/confirm`, { method: 'POST' }),
  };
}
