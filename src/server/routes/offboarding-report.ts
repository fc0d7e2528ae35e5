/**
 * The offboarding report: each asset, the action, its scope, when it was done and the verified
 * result, as JSON, CSV (a file to keep) and a printable HTML page. Values are escaped for each.
 */
import type { Executor } from '../../store/audit.ts';
import { listOffboardingSteps, type Offboarding } from '../../store/offboardings.ts';

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

/** A self-contained HTML page of the report (no scripts). */
export function reportHtml(report: OffboardingReport): string {
  const rows = report.steps
    .map((s) => {
      const manual = s.manualStep as { title?: string; instructions?: string[] } | null;
      const steps = manual?.instructions?.length
        ? `<ol>${manual.instructions.map((i) => `<li>${escape(i)}</li>`).join('')}</ol>`
        : '';
      return `<tr><td>${escape(s.assetName)}<br><small>${escape(s.platform)} ${escape(s.assetType)} ${escape(s.assetId)}</small></td><td>${escape(s.level)}</td><td>${escape(s.action)} (${escape(s.scope)})</td><td>${escape(s.status)}</td><td>${escape(s.doneAt)}</td><td>${escape(s.verified)}<br><small>${escape(s.verifiedAt)}</small></td><td>${escape(s.detail)}${steps}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Offboarding report ${escape(report.id)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}</style>
</head><body>
<h1>Offboarding report</h1>
<p>Status: <strong>${escape(report.status)}</strong> · reason: ${escape(report.reason)} · platform: ${escape(report.platform ?? 'all')} · started ${escape(report.createdAt)} · finished ${escape(report.finishedAt ?? '-')}</p>
<p>Latchkey removes only access it granted, one asset at a time, and never removes a whole partner; assets it did not grant are listed as kept.</p>
<table><thead><tr><th>Asset</th><th>Level</th><th>Action (scope)</th><th>Result</th><th>Done at</th><th>Verified</th><th>Details</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>`;
}
