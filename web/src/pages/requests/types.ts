/** What the dashboard reads of access requests (the shapes of `/api/v1/requests`). */

export type GrantStatus =
  | 'queued'
  | 'running'
  | 'granted'
  | 'pending_acceptance'
  | 'needs_manual_step'
  | 'failed'
  | 'revoked';

export interface ItemView {
  platform: string;
  platformName: string;
  assetType: string;
  assetTypeLabel: string;
  permissionLevel: string;
  levelLabel: string;
}

export interface RequestView {
  id: string;
  clientId: string | null;
  title: string;
  message: string | null;
  status: 'open' | 'completed' | 'partial' | 'revoked' | 'expired';
  linkExpiresAt: string;
  linkRevokedAt: string | null;
  linkOpenedAt: string | null;
  accessEndsAt: string | null;
  createdAt: string;
  items: ItemView[];
}

export interface RequestSummary extends RequestView {
  onboardingStatus: string | null;
  grantCounts: Record<string, number>;
  assets: {
    id: string;
    assetType: string;
    assetId: string;
    assetName: string;
    permissionLevel: string;
    status: GrantStatus;
  }[];
}

export interface ManualStepView {
  kind: 'pending_acceptance' | 'manual';
  title: string | null;
  detail: string | null;
  instructions: string[];
  actionUrl: string | null;
  qrCodeDataUrl: string | null;
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
  status: GrantStatus;
  alreadyShared: boolean;
  failureReason: string | null;
  manualStep: ManualStepView | null;
  /** `api` (read back), or a person's word: `client_confirmation`, `agency_confirmation`. */
  verification?: string;
  grantMethod?: string;
  confirmedBy?: 'client' | 'agency' | null;
  /** What the client typed for a guided step (Shopify store URL and collaborator code). */
  clientInput?: Record<string, string> | null;
  attempts: number;
  updatedAt: string;
  /** The step history, when the API includes it. */
  steps?: { name: string; at: string; detail?: string }[];
}

export interface RequestDetail extends RequestView {
  onboarding: {
    id: string;
    status: string;
    approvedAt: string | null;
    completedAt: string | null;
  } | null;
  grantCounts: Record<string, number>;
  grants: GrantView[];
}

export interface Client {
  id: string;
  name: string;
  email: string | null;
}

export interface RequestItem {
  platform: string;
  assetType: string;
  permissionLevel: string;
}

export interface PlatformOptions {
  platforms: {
    id: string;
    name: string;
    assetTypes: {
      id: string;
      label: string;
      grantMethod?: string;
      levels: { id: string; label: string; description?: string }[];
    }[];
  }[];
}
