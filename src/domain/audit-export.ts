/**
 * Audit export formats: CSV (RFC 4180 quoting, with a guard against spreadsheet formula
 * injection) and NDJSON (one JSON object per line).
 */
export interface ExportedAuditEvent {
  readonly id: number;
  readonly createdAt: string;
  readonly actorKind: string;
  readonly actorId: string | null;
  readonly action: string;
  readonly targetKind: string;
  readonly targetId: string | null;
  readonly data: Record<string, unknown>;
}

export const AUDIT_CSV_HEADER =
  'id,created_at,actor_kind,actor_id,action,target_kind,target_id,data\r\n';

/** Quotes one CSV field; a leading =, +, - or @ is prefixed with ' so no cell runs as a formula. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== String(value) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (CRLF-terminated) for an event. */
export function auditCsvLine(event: ExportedAuditEvent): string {
  return `${[
    event.id,
    event.createdAt,
    event.actorKind,
    event.actorId,
    event.action,
    event.targetKind,
    event.targetId,
    JSON.stringify(event.data),
  ]
    .map(csvField)
    .join(',')}\r\n`;
}

/** One NDJSON line for an event. */
export function auditNdjsonLine(event: ExportedAuditEvent): string {
  return `${JSON.stringify(event)}\n`;
}
