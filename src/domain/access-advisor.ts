/**
 * The least-privilege advisor: from what the agency says it will do (report, optimise campaigns,
 * manage billing, run Spark Ads, track conversions), the lowest level per asset type that does it,
 * with the reason; and warnings when a request asks for more than that. Pure rules over the
 * manifests' level order (lowest first); the facts per platform cite docs/platforms/*.md.
 */
import { z } from 'zod';

export const advisorTasks = ['report', 'optimise', 'billing', 'spark_ads', 'conversions'] as const;
export const AdvisorTaskSchema = z.enum(advisorTasks);
export type AdvisorTask = z.infer<typeof AdvisorTaskSchema>;

export const advisorTaskLabels: Readonly<Record<AdvisorTask, string>> = {
  report: 'Report only',
  optimise: 'Optimise campaigns',
  billing: 'Manage billing',
  spark_ads: 'Run Spark Ads',
  conversions: 'Track conversions',
};

interface Need {
  readonly assetType: string;
  readonly level: string;
  readonly reason: string;
}

/** Per platform and task: which asset types at which level the task needs, and why. */
const needs: Readonly<Record<string, Readonly<Record<AdvisorTask, readonly Need[]>>>> = {
  // TikTok: docs/platforms/tiktok.md; ../shared/platforms/tiktok.md ("An agency running Spark Ads
  // needs, at minimum: the ad account, the TikTok account with ad delivery permission, and the pixel").
  tiktok: {
    report: [
      { assetType: 'advertiser', level: 'ANALYST', reason: 'Analyst can view ads and data.' },
    ],
    optimise: [
      {
        assetType: 'advertiser',
        level: 'OPERATOR',
        reason: 'Operator can create and edit campaigns.',
      },
    ],
    billing: [
      {
        assetType: 'advertiser',
        level: 'ADMIN',
        reason: "Only Admin manages the ad account's finance and settings.",
      },
    ],
    spark_ads: [
      {
        assetType: 'advertiser',
        level: 'OPERATOR',
        reason: 'Spark Ads are campaigns: Operator creates them.',
      },
      {
        assetType: 'tiktok_account',
        level: 'AD_DELIVERY',
        reason:
          "Spark Ads run with the account's posts: the TikTok account with ad-delivery permission.",
      },
      {
        assetType: 'pixel',
        level: 'SHARED',
        reason: 'Spark Ads need the pixel for conversion tracking.',
      },
    ],
    conversions: [
      { assetType: 'pixel', level: 'SHARED', reason: 'Conversions are tracked with the pixel.' },
      {
        assetType: 'advertiser',
        level: 'ANALYST',
        reason: 'Analyst is enough to see conversion results.',
      },
    ],
  },
  // Meta: docs/platforms/meta.md (levels map to permitted_tasks: ANALYZE < ADVERTISE < MANAGE).
  meta: {
    report: [
      {
        assetType: 'ad_account',
        level: 'view_only',
        reason: 'View only (ANALYZE) shows ads and performance.',
      },
    ],
    optimise: [
      {
        assetType: 'ad_account',
        level: 'partial',
        reason: 'Partial access (ADVERTISE) creates and edits ads.',
      },
    ],
    billing: [
      {
        assetType: 'ad_account',
        level: 'full_control',
        reason: 'Billing settings need full control (MANAGE).',
      },
    ],
    spark_ads: [],
    conversions: [
      {
        assetType: 'pixel',
        level: 'partial',
        reason: 'Using the dataset in ads needs partial access (ADVERTISE).',
      },
    ],
  },
};

export interface LevelOrder {
  readonly id: string;
  readonly assetTypes: readonly {
    readonly id: string;
    readonly levels: readonly { readonly id: string }[];
  }[];
}

export interface Proposal {
  readonly platform: string;
  readonly assetType: string;
  readonly level: string;
  readonly reasons: readonly { readonly task: AdvisorTask; readonly reason: string }[];
}

/** The lowest level per asset type that does every stated task, for one platform. */
export function proposeLevels(platform: LevelOrder, tasks: readonly AdvisorTask[]): Proposal[] {
  const byType = new Map<string, { level: string; reasons: Proposal['reasons'][number][] }>();
  for (const task of [...new Set(tasks)]) {
    for (const need of needs[platform.id]?.[task] ?? []) {
      const current = byType.get(need.assetType);
      const reasons = [...(current?.reasons ?? []), { task, reason: need.reason }];
      const level =
        current &&
        rank(platform, need.assetType, current.level) >= rank(platform, need.assetType, need.level)
          ? current.level
          : need.level;
      byType.set(need.assetType, { level, reasons });
    }
  }
  return platform.assetTypes
    .filter((t) => byType.has(t.id))
    .map((t) => {
      const found = byType.get(t.id);
      return {
        platform: platform.id,
        assetType: t.id,
        level: found?.level ?? '',
        reasons: found?.reasons ?? [],
      };
    });
}

export interface ChosenItem {
  readonly platform: string;
  readonly assetType: string;
  readonly permissionLevel: string;
}

export interface AdvisorWarning {
  readonly index: number;
  readonly kind: 'more_than_needed' | 'not_needed' | 'less_than_needed' | 'missing';
  readonly message: string;
}

/** Compares the chosen items with the proposal: more than needed (or not needed at all) warns. */
export function checkChoice(
  platforms: readonly LevelOrder[],
  tasks: readonly AdvisorTask[],
  items: readonly ChosenItem[],
): AdvisorWarning[] {
  const warnings: AdvisorWarning[] = [];
  const proposals = platforms.flatMap((p) => proposeLevels(p, tasks));
  items.forEach((item, index) => {
    const platform = platforms.find((p) => p.id === item.platform);
    const proposal = proposals.find(
      (p) => p.platform === item.platform && p.assetType === item.assetType,
    );
    if (!platform || !(item.platform in needs)) return;
    if (!proposal) {
      warnings.push({
        index,
        kind: 'not_needed',
        message: `${item.assetType} is not needed for the tasks you chose.`,
      });
      return;
    }
    const chosen = rank(platform, item.assetType, item.permissionLevel);
    const needed = rank(platform, item.assetType, proposal.level);
    if (chosen > needed) {
      warnings.push({
        index,
        kind: 'more_than_needed',
        message: `${item.permissionLevel} is more than needed: ${proposal.level} does ${tasks.join(', ')}.`,
      });
    } else if (chosen < needed) {
      warnings.push({
        index,
        kind: 'less_than_needed',
        message: `${item.permissionLevel} is not enough: ${proposal.level} is needed (${proposal.reasons.map((r) => r.reason).join(' ')})`,
      });
    }
  });
  for (const proposal of proposals) {
    if (
      !items.some((i) => i.platform === proposal.platform && i.assetType === proposal.assetType)
    ) {
      warnings.push({
        index: -1,
        kind: 'missing',
        message: `${proposal.platform} ${proposal.assetType} at ${proposal.level} is needed: ${proposal.reasons.map((r) => r.reason).join(' ')}`,
      });
    }
  }
  return warnings;
}

function rank(platform: LevelOrder, assetType: string, level: string): number {
  const levels = platform.assetTypes.find((t) => t.id === assetType)?.levels ?? [];
  return levels.findIndex((l) => l.id === level);
}
