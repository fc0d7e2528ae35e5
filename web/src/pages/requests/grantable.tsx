import { assetTypeName } from '../../format/names.ts';
import type { PlatformOptions, RequestItem } from './types.ts';

/** The agency's own identity on a platform (`/api/v1/agency/connections`). */
export interface Connection {
  platform: string;
  name: string;
  identityLabel: string;
  ready: boolean;
}

/** Human labels for items ("TikTok Ad account (Analyst)", "Google Ads account (Manager link)"). */
export function labelItems(options: PlatformOptions, items: readonly RequestItem[]): string[] {
  return items.map((item) => {
    const platform = options.platforms.find((p) => p.id === item.platform);
    const type = platform?.assetTypes.find((t) => t.id === item.assetType);
    const level = type?.levels.find((l) => l.id === item.permissionLevel);
    const name = assetTypeName(platform?.name ?? item.platform, type?.label ?? item.assetType);
    return `${name} (${level?.label ?? item.permissionLevel})`;
  });
}

/**
 * Warns when a platform the request asks for has no agency identity chosen yet: its grants would
 * wait for it. Platforms not asked for are none of this request's business.
 */
export function ConnectionNotice(props: {
  connections: readonly Connection[] | undefined;
  platforms: readonly string[];
}) {
  const asked = new Set(props.platforms);
  const missing = props.connections?.filter((c) => !c.ready && asked.has(c.platform)) ?? [];
  if (missing.length === 0) return null;
  return (
    <p className="rq-warning" role="note" data-testid="connection-notice">
      {missing.map((c) => `${c.name} (${c.identityLabel})`).join(', ')}: your own account is not
      connected yet, so grants cannot be made. <a href="/app/settings">Connect it in Settings</a>{' '}
      before the client approves.
    </p>
  );
}
