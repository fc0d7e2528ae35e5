/** What `GET /api/v1/attention` answers: the dashboard front page's lists. */
export interface Slice<T> {
  total: number;
  items: T[];
}

export interface Attention {
  linksWaiting: Slice<{
    requestId: string;
    title: string;
    clientName: string | null;
    linkOpenedAt: string | null;
    linkExpiresAt: string;
  }>;
  grantsWaiting: Slice<{
    grantId: string;
    requestId: string;
    clientName: string | null;
    platform: string;
    platformName: string;
    assetTypeLabel: string;
    assetName: string;
    status: 'pending_acceptance' | 'needs_manual_step' | 'failed';
    updatedAt: string;
  }>;
  driftAlerts: Slice<{ alertId: string; createdAt: string; assetNames: string[] }>;
  accessEnding: Slice<{
    requestId: string;
    title: string;
    clientName: string | null;
    accessEndsAt: string;
  }>;
  recentActivity: {
    id: number;
    createdAt: string;
    actorName: string;
    action: string;
    targetKind: string;
    targetId: string | null;
  }[];
}
