/**
 * The offboarding plan (the dry run): for each asset Latchkey granted, the action and its scope;
 * for each asset the agency holds that Latchkey did not grant, an explicit "kept". Latchkey only
 * ever removes one asset at a time from the agency's side; it never removes a whole partner,
 * because that would also cut assets it did not grant. Pure: no I/O.
 */
export type PlanAction = 'revoke' | 'manual' | 'keep';

export interface PlannedGrant {
  readonly grantId: string;
  readonly platform: string;
  readonly assetType: string;
  readonly assetId: string;
  readonly assetName: string;
  readonly ownerId: string | null;
  readonly level: string;
  /** How the asset reached the agency (manifest grantMethod): api, manual or qr_code. */
  readonly grantMethod: string;
  /** Whether the platform's connector can remove it through its API. */
  readonly revocable: boolean;
  /** The person's removal step when the platform's definition has its own (a custom tool). */
  readonly removal?: ManualStepText;
}

export interface HeldAsset {
  readonly platform: string;
  readonly assetType: string;
  readonly assetId: string;
  readonly name: string | null;
  readonly level: string | null;
  readonly sourceName: string | null;
}

export interface ManualStepText {
  readonly title: string;
  readonly instructions: readonly string[];
  /** How Latchkey checks that it was done. */
  readonly verification: string;
}

export interface PlanStep {
  readonly position: number;
  readonly grantId: string | null;
  readonly platform: string;
  readonly assetType: string;
  readonly assetId: string;
  readonly assetName: string;
  readonly ownerId: string | null;
  readonly level: string;
  readonly action: PlanAction;
  /** What the action touches: `asset` (this asset only) or `none` (kept). */
  readonly scope: 'asset' | 'none';
  readonly explanation: string;
  /** For manual actions, and as the fallback when the platform refuses an API removal. */
  readonly manualStep: ManualStepText | null;
}

export interface OffboardingPlan {
  readonly steps: readonly PlanStep[];
  readonly notes: readonly string[];
}

/** Builds the plan; `held` is what the agency's business holds now (to list what is kept). */
export function planOffboarding(
  grants: readonly PlannedGrant[],
  held: readonly HeldAsset[],
): OffboardingPlan {
  const granted = new Set(grants.map((g) => keyOf(g.platform, g.assetType, g.assetId)));
  const steps: PlanStep[] = grants.map((g, index) => ({
    position: index,
    grantId: g.grantId,
    platform: g.platform,
    assetType: g.assetType,
    assetId: g.assetId,
    assetName: g.assetName,
    ownerId: g.ownerId,
    level: g.level,
    action: g.revocable ? 'revoke' : 'manual',
    scope: 'asset',
    explanation: g.revocable
      ? `Remove ${g.assetName} (${g.assetType} ${g.assetId}, ${g.level}) from the agency's business. Only this asset is touched.`
      : `The platform offers no API to remove ${g.assetName}: a person does it (steps below).`,
    manualStep: g.grantMethod === 'api' && g.revocable ? null : (g.removal ?? manualStepFor(g)),
  }));
  const kept = held.filter((h) => !granted.has(keyOf(h.platform, h.assetType, h.assetId)));
  for (const h of kept) {
    steps.push({
      position: steps.length,
      grantId: null,
      platform: h.platform,
      assetType: h.assetType,
      assetId: h.assetId,
      assetName: h.name ?? h.assetId,
      ownerId: null,
      level: h.level ?? '',
      action: 'keep',
      scope: 'none',
      explanation: 'Latchkey did not grant this access, so it does not remove it.',
      manualStep: null,
    });
  }
  const notes = [
    'Latchkey removes each asset it granted on its own, from the agency side, and never removes a whole partner: removing the partner would cut every asset it shares at once, including access Latchkey did not grant.',
    'Latchkey never removes access it did not grant; such assets are listed as kept.',
  ];
  if (kept.length > 0) {
    notes.push(`${kept.length} asset(s) the agency holds were not granted by Latchkey and stay.`);
  }
  return { steps, notes };
}

/** The exact person's step to end access to one asset, and how Latchkey verifies it. */
export function manualStepFor(
  g: Pick<PlannedGrant, 'platform' | 'assetType' | 'assetId' | 'assetName'>,
): ManualStepText {
  const where =
    g.platform === 'tiktok'
      ? tiktokWhere(g.assetType)
      : `the ${g.platform} business settings where ${g.assetType} access is managed`;
  return {
    title: `Remove the agency's access to ${g.assetName}`,
    instructions: [
      `Open ${where}.`,
      `Find ${g.assetName} (ID ${g.assetId}) and remove the agency from it.`,
      'Then press "Check again" on the offboarding report.',
    ],
    verification: `Latchkey reads the agency's access to ${g.assetId} again with its own connection; the step is done when the asset no longer appears.`,
  };
}

function tiktokWhere(assetType: string): string {
  switch (assetType) {
    case 'tiktok_account':
      return 'TikTok Business Center → Accounts → TikTok accounts (the agency side), or in the TikTok app: Settings and privacy → Business Center links';
    case 'pixel':
      return 'TikTok Business Center → Accounts → Pixels (the pixel shows who it is shared with)';
    case 'catalog':
      return 'TikTok Business Center → Accounts → Catalogs (the catalog shows who it is shared with)';
    default:
      return 'TikTok Business Center → Accounts → Ad accounts (the account shows who it is shared with)';
  }
}

function keyOf(platform: string, assetType: string, assetId: string): string {
  return `${platform}\u0000${assetType}\u0000${assetId}`;
}
