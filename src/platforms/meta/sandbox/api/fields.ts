// Graph field selection: `fields=a,b,c{x,y}`; unknown field ⇒ Graph's `(#100) Tried accessing
// nonexisting field (x) on node type (T)`.
import { invalidParam } from '../model/errors.ts';

/** A node: its Graph type name, the default fields, and a getter per known field. */
export interface NodeView {
  type: string;
  defaults: readonly string[];
  fields: Record<string, () => unknown>;
}

/** Splits a `fields` value on top-level commas, dropping `{...}` sub-selections. */
export function parseFields(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of value) {
    if (ch === '{') depth += 1;
    else if (ch === '}') depth -= 1;
    else if (ch === ',' && depth === 0) {
      out.push(current.trim());
      current = '';
    } else if (depth === 0) current += ch;
  }
  out.push(current.trim());
  return out.filter((f) => f !== '').map((f) => f.replace(/\..*$/, ''));
}

/** Renders a node with the requested (or default) fields; `id` is always included. */
export function renderNode(view: NodeView, fields: string[] | undefined): Record<string, unknown> {
  const wanted = fields ?? [...view.defaults];
  const out: Record<string, unknown> = {};
  for (const name of wanted) {
    const get = view.fields[name];
    if (!get)
      throw invalidParam(`Tried accessing nonexisting field (${name}) on node type (${view.type})`);
    const value = get();
    if (value !== undefined) out[name] = value;
  }
  if (!('id' in out) && view.fields.id) out.id = view.fields.id();
  return out;
}
