import type { PlatformOptions, RequestItem } from './types.ts';

/** The agency's own identity on a platform (`/api/v1/agency/connections`). */
export interface Connection {
  platform: string;
  name: string;
  identityLabel: string;
  ready: boolean;
}

/** Human labels for items ("TikTok Ad account (Analyst)"), for error messages. */
export function labelItems(options: PlatformOptions, items: readonly RequestItem[]): string[] {
  return items.map((item) => {
    const platform = options.platforms.find((p) => p.id === item.platform);
    const type = platform?.assetTypes.find((t) => t.id === item.assetType);
    const level = type?.levels.find((l) => l.id === item.permissionLevel);
    return `${platform?.name ?? item.platform} ${type?.label ?? item.assetType} (${level?.label ?? item.permissionLevel})`;
  });
}

/** Warns when a platform has no agency identity chosen yet: grants would wait for it. */
export function ConnectionNotice(props: { connections: readonly Connection[] | undefined }) {
  const missing = props.connections?.filter((c) => !c.ready) ?? [];
  if (missing.length === 0) return null;
  return (
    <p className="rq-warning" role="note" data-testid="connection-notice">
      {missing.map((c) => `${c.name} (${c.identityLabel})`).join(', ')}: your own account is not
      connected yet, so grants cannot be made. <a href="/app/settings">Connect it in Settings</a>{' '}
      before the client approves.
    </p>
  );
}
