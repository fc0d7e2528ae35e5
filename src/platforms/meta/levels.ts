/**
 * Our three levels (view only, partial, full control) as each Meta asset type's own
 * `permitted_tasks` (meta-api.md §3.1-§3.4), and held tasks read back as a level.
 */
import type { MetaAssetType } from './manifest.ts';

export type MetaLevel = 'view_only' | 'partial' | 'full_control';

/**
 * `permitted_tasks` per type and level (each type's enum: meta-api.md §3.1-§3.4). Pixel EDIT is
 * "currently restricted" by Meta, so full control of a pixel is ADVERTISE + ANALYZE + UPLOAD.
 */
export const metaTasks: Record<
  Exclude<MetaAssetType, 'instagram_account'>,
  Record<MetaLevel, readonly string[]>
> = {
  ad_account: {
    view_only: ['ANALYZE'],
    partial: ['ADVERTISE', 'ANALYZE'],
    full_control: ['MANAGE', 'ADVERTISE', 'ANALYZE'],
  },
  page: {
    view_only: ['ANALYZE'],
    partial: ['CREATE_CONTENT', 'MODERATE', 'MESSAGING', 'ADVERTISE', 'ANALYZE'],
    full_control: ['MANAGE', 'CREATE_CONTENT', 'MODERATE', 'MESSAGING', 'ADVERTISE', 'ANALYZE'],
  },
  pixel: {
    view_only: ['ANALYZE'],
    partial: ['ADVERTISE', 'ANALYZE'],
    full_control: ['ADVERTISE', 'ANALYZE', 'UPLOAD'],
  },
  catalog: {
    view_only: ['AA_ANALYZE'],
    partial: ['ADVERTISE'],
    full_control: ['MANAGE', 'ADVERTISE'],
  },
};

/** The tasks to send for a type and level, or undefined when the pair is not ours. */
export function tasksFor(type: string, level: string): readonly string[] | undefined {
  const byLevel = metaTasks[type as keyof typeof metaTasks] as
    Record<string, readonly string[]> | undefined;
  return byLevel?.[level];
}

/**
 * Reads held tasks back as one of our levels: the highest level whose tasks are all held, or
 * undefined when not even view-only is covered.
 */
export function levelOf(type: string, held: readonly string[]): MetaLevel | undefined {
  const byLevel = metaTasks[type as keyof typeof metaTasks] as
    Record<MetaLevel, readonly string[]> | undefined;
  if (!byLevel) return undefined;
  const order: MetaLevel[] = ['full_control', 'partial', 'view_only'];
  return order.find((level) => byLevel[level].every((t) => held.includes(t)));
}
