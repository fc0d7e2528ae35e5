/**
 * The offboarding report: each asset, the action, its scope, when it was done and the verified
 * result, as JSON, CSV (a file to keep) and a printable HTML page. Values are escaped for each.
 */
import {
  offboardingActionWords,
  offboardingStatusWords,
  offboardingStepWords,
  offboardingVerifiedWords,
} from '../../domain/offboarding-words.ts';
import { ownValue } from '../../lib/own.ts';
import { platformManifests } from '../../platforms/registry.ts';
import type { Executor } from '../../store/audit.ts';
import { listOffboardingSteps, type Offboarding } from '../../store/offboardings.ts';
import type { Manifests } from './custom-manifests.ts';

export interface OffboardingReport {
  readonly id: string;
  readonly status: string;
  readonly reason: string;
  readonly clientId: string | null;
  readonly requestId: string | null;
  readonly platform: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly steps: readonly {
    readonly id: string;
    readonly platform: string;
    readonly assetType: string;
    readonly assetId: string;
    readonly assetName: string;
    readonly level: string;
    readonly action: string;
    readonly scope: string;
    readonly status: string;
    readonly verified: string | null;
    readonly doneAt: string | null;
    readonly verifiedAt: string | null;
    readonly detail: string | null;
    readonly manualStep: unknown;
    /** A removal done by hand that no API can check, waiting for a member to confirm it. */
    readonly confirmable: boolean;
  }[];
}

/**
 * The report of one offboarding. `checkedByApi` says whether a platform's access can be read
 * back; where it cannot, a removal waiting for a person is `confirmable` by a member.
 */
export async function buildReport(
  db: Executor,
  o: Offboarding,
  checkedByApi: (platform: string) => boolean = () => true,
): Promise<OffboardingReport> {
  const steps = await listOffboardingSteps(db, o.id);
  return {
    id: o.id,
    status: o.status,
    reason: o.reason,
    clientId: o.clientId,
    requestId: o.requestId,
    platform: o.platform,
    createdAt: o.createdAt.toISOString(),
    finishedAt: o.finishedAt?.toISOString() ?? null,
    steps: steps.map((s) => ({
      id: s.id,
      platform: s.platform,
      assetType: s.assetType,
      assetId: s.assetId,
      assetName: s.assetName,
      level: s.level,
      action: s.action,
      scope: s.scope,
      status: s.status,
      verified: s.verified,
      doneAt: s.doneAt?.toISOString() ?? null,
      verifiedAt: s.verifiedAt?.toISOString() ?? null,
      detail: s.detail,
      manualStep: s.manualStep,
      confirmable: s.status === 'manual_pending' && !checkedByApi(s.platform),
    })),
  };
}

const columns = [
  'platform',
  'assetType',
  'assetId',
  'assetName',
  'level',
  'action',
  'scope',
  'status',
  'verified',
  'doneAt',
  'verifiedAt',
] as const;

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote. */
export function reportCsv(report: OffboardingReport): string {
  const cell = (value: string | null) => {
    const text = value ?? '';
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [columns.join(',')];
  for (const step of report.steps) lines.push(columns.map((c) => cell(step[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

const escape = (text: string | null) =>
  (text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A moment for a printed page: "4 Dec 2026, 15:04 UTC". The server does not know the reader's
 * locale or time zone, so it says UTC plainly rather than printing an ISO timestamp.
 */
export function printableTime(iso: string | null): string {
  if (!iso) return '—';
  const text = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(iso));
  return `${text} UTC`;
}

/**
 * The platform's, asset type's and level's names from the manifests (the ids when unknown). A
 * custom platform is named by the agency's definition (its asset type), not "Custom platform".
 */
function namesOf(manifests: Manifests, platform: string, assetType: string, level: string) {
  const manifest = ownValue(manifests, platform);
  const type = manifest?.assetTypes.find((t) => t.id === assetType);
  const platformName = platform === 'custom' && type ? type.label : (manifest?.name ?? platform);
  return {
    platform: platformName,
    type: type?.label ?? assetType,
    level: type?.levels.find((l) => l.id === level)?.label ?? level,
  };
}

/** A self-contained HTML page of the report (no scripts). */
export function reportHtml(
  report: OffboardingReport,
  manifests: Manifests = platformManifests,
): string {
  const rows = report.steps
    .map((s) => {
      const manual = s.manualStep as { title?: string; instructions?: string[] } | null;
      const steps = manual?.instructions?.length
        ? `<ol>${manual.instructions.map((i) => `<li>${escape(i)}</li>`).join('')}</ol>`
        : '';
      const names = namesOf(manifests, s.platform, s.assetType, s.level);
      return `<tr><td>${escape(s.assetName)}<br><small>${escape(names.platform)} · ${escape(names.type)} · ID ${escape(s.assetId)}</small></td><td>${escape(names.level)}</td><td>${escape(offboardingActionWords(s.action, s.scope))}</td><td>${escape(offboardingStepWords(s.status))}</td><td>${escape(printableTime(s.doneAt))}</td><td>${escape(offboardingVerifiedWords(s.verified))}<br><small>${escape(s.verifiedAt ? printableTime(s.verifiedAt) : '')}</small></td><td>${escape(s.detail)}${steps}</td></tr>`;
    })
    .join('\n');
  const platform = report.platform
    ? namesOf(manifests, report.platform, '', '').platform
    : 'every platform';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Offboarding report, ${escape(printableTime(report.createdAt))}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}</style>
</head><body>
<h1>Offboarding report</h1>
<p>Status: <strong>${escape(offboardingStatusWords(report.status))}</strong> · reason: ${escape(report.reason)} · platform: ${escape(platform)} · started ${escape(printableTime(report.createdAt))} · finished ${escape(printableTime(report.finishedAt))}</p>
<p>Latchkey removes only access it granted, one asset at a time, and never removes a whole partner; assets it did not grant are listed as kept.</p>
<table><thead><tr><th>Asset</th><th>Level</th><th>Action (scope)</th><th>Result</th><th>Done at</th><th>Verified</th><th>Details</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>`;
}
