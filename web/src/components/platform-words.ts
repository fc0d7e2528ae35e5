/**
 * The platforms' names, asset types and levels in words, for agency pages whose API answers carry
 * only ids (`tiktok`, `advertiser`, `OPERATOR`). Read once per page load from the manifests
 * (`/api/v1/template-options`); until then, and for an unknown id, the id as words.
 */
import { useEffect, useState } from 'react';
import { apiFetch } from '../pages/dashboard/api.ts';
import { assetTypeName, humanize } from '../format/names.ts';

interface Options {
  platforms: {
    id: string;
    name: string;
    explainsAccess?: boolean;
    assetTypes: { id: string; label: string; levels: { id: string; label: string }[] }[];
  }[];
}

export interface PlatformWords {
  platform(id: string): string;
  /** The asset type with its platform, said once: "TikTok Ad account", "Google Ads account". */
  assetType(platform: string, type: string): string;
  level(platform: string, type: string, level: string): string;
  /** Whether the platform can say who has access to an asset (false until the options load). */
  explainsAccess(platform: string): boolean;
}

let loading: Promise<Options> | undefined;

/** Words over a loaded options document (exported for the pages that already hold one). */
export function wordsOf(options: Options | undefined): PlatformWords {
  const find = (id: string) => options?.platforms.find((p) => p.id === id);
  const typeOf = (platform: string, type: string) =>
    find(platform)?.assetTypes.find((t) => t.id === type);
  return {
    platform: (id) => find(id)?.name ?? humanize(id),
    assetType: (platform, type) =>
      assetTypeName(
        find(platform)?.name ?? humanize(platform),
        typeOf(platform, type)?.label ?? humanize(type),
      ),
    level: (platform, type, level) =>
      typeOf(platform, type)?.levels.find((l) => l.id === level)?.label ?? humanize(level),
    explainsAccess: (id) => find(id)?.explainsAccess === true,
  };
}

/** The platform words for a page; loads the options at most once per page load. */
export function usePlatformWords(): PlatformWords {
  const [options, setOptions] = useState<Options | undefined>();
  useEffect(() => {
    let live = true;
    loading ??= apiFetch<Options>('/api/v1/template-options');
    loading
      .then((loaded) => live && setOptions(loaded))
      .catch(() => {
        loading = undefined;
      });
    return () => {
      live = false;
    };
  }, []);
  return wordsOf(options);
}
