/**
 * What a request can hold, as one table: every platform's asset types with how access is granted
 * and how Latchkey knows it holds, from the manifests (the README's platform list is generated
 * from it by `npm run docs:platforms`, and a test keeps the two equal).
 */
import type { GrantMethod, PlatformManifest, VerificationMethod } from './types.ts';

export interface CatalogRow {
  readonly platform: string;
  readonly assetType: string;
  readonly levels: readonly string[];
  readonly granted: string;
  readonly verified: string;
}

const grantedWords: Readonly<Record<GrantMethod, string>> = {
  api: 'by API',
  manual: 'a step the client takes (shown on the page), then read back',
  qr_code: 'a QR code the client scans',
  guided: 'guided steps the client follows',
};

const verifiedWords: Readonly<Record<VerificationMethod, string>> = {
  api: 'read back by API, and at every sweep',
  client_confirmation: "the client's confirmation (not verified: no API can)",
  agency_confirmation: "the agency's confirmation (not verified: no API can)",
};

/** A ready-made tool (src/platforms/custom/ready-made): guided, confirmed by a person. */
export function toolRow(tool: {
  name: string;
  levels: readonly { label: string }[];
  confirmedBy: 'client' | 'agency';
}): CatalogRow {
  return {
    platform: `${tool.name} (ready-made, Other tools)`,
    assetType: tool.name,
    levels: tool.levels.map((level) => level.label),
    granted: grantedWords.guided,
    verified:
      verifiedWords[tool.confirmedBy === 'agency' ? 'agency_confirmation' : 'client_confirmation'],
  };
}

/** One row per asset type of every manifest, in registry order. */
export function platformCatalog(manifests: readonly PlatformManifest[]): CatalogRow[] {
  return manifests.flatMap((manifest) =>
    manifest.assetTypes.map((type) => ({
      platform: manifest.name,
      assetType: type.label,
      levels: type.levels.map((level) => level.label),
      granted: grantedWords[type.grantMethod],
      verified: verifiedWords[type.verification ?? manifest.verification],
    })),
  );
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The catalog as a Markdown table. */
export function catalogMarkdown(rows: readonly CatalogRow[]): string {
  const lines = [
    '| Platform | Asset type | Permission levels | Granted | Verified |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${[row.platform, row.assetType, row.levels.join(', '), row.granted, row.verified]
          .map(cell)
          .join(' | ')} |`,
    ),
  ];
  return lines.join('\n');
}
