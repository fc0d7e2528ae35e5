import { useState, type FormEvent } from 'react';
import { apiFetch, describeError } from './api.ts';
import { DashboardLayout } from './layout.tsx';
import { useApi } from './use-api.ts';
import { EmptyState } from '../../components/empty-state.tsx';

interface Field {
  id: string;
  label: string;
  kind: 'text' | 'email' | 'url';
  required: boolean;
}
interface Level {
  id: string;
  label: string;
  description: string;
}
interface Body {
  name: string;
  logo: string | null;
  actionUrl: string | null;
  inviteEmail: string | null;
  steps: string[];
  fields: Field[];
  levels: Level[];
  confirmedBy: 'client' | 'agency';
  removal: string[];
}
interface Definition extends Body {
  id: string;
  slug: string;
  archived: boolean;
  readyMade: string | null;
}
interface ReadyMade {
  id: string;
  slug: string;
  source: string;
  added: boolean;
  definition: Body;
}

const lines = (value: FormDataEntryValue | null) =>
  (typeof value === 'string' ? value : '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
const slugOf = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 30) || 'field';
const text = (value: FormDataEntryValue | null) =>
  typeof value === 'string' && value.trim() ? value.trim() : null;

/** Fields as the form writes them: one per line, `Label | kind | required`. */
function parseFields(value: FormDataEntryValue | null): Field[] {
  return lines(value).map((line) => {
    const [label = '', kind = 'text', required = ''] = line.split('|').map((p) => p.trim());
    const k = kind === 'email' || kind === 'url' ? kind : 'text';
    return { id: slugOf(label), label, kind: k, required: /^(required|yes|true)$/i.test(required) };
  });
}
/** Levels: one per line, `Label: description`. */
function parseLevels(value: FormDataEntryValue | null): Level[] {
  return lines(value).map((line) => {
    const at = line.indexOf(':');
    const label = (at < 0 ? line : line.slice(0, at)).trim();
    const description = (at < 0 ? label : line.slice(at + 1)).trim() || label;
    return { id: slugOf(label).slice(0, 40).padEnd(2, '_'), label, description };
  });
}

/**
 * /app/tools: the agency's own platforms ("any tool"): ready-made ones to add, and its own
 * definitions to add, edit and archive. Managers and owners write; everyone reads.
 */
export function CustomPlatformsPage() {
  const mine = useApi<{ customPlatforms: Definition[] }>('/api/v1/custom-platforms');
  const ready = useApi<{ readyMade: ReadyMade[] }>('/api/v1/custom-platforms/ready-made');
  const [problem, setProblem] = useState<string | undefined>();
  const [editing, setEditing] = useState<Definition | undefined>();
  const reload = () => {
    mine.reload();
    ready.reload();
  };
  const act = async (call: () => Promise<unknown>) => {
    try {
      await call();
      setProblem(undefined);
      reload();
      return true;
    } catch (failure) {
      setProblem(describeError(failure));
      return false;
    }
  };
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    const body: Body = {
      name: text(f.get('name')) ?? '',
      logo: text(f.get('logo')),
      actionUrl: text(f.get('actionUrl')),
      inviteEmail: text(f.get('inviteEmail')),
      steps: lines(f.get('steps')),
      fields: parseFields(f.get('fields')),
      levels: parseLevels(f.get('levels')),
      confirmedBy: f.get('confirmedBy') === 'agency' ? 'agency' : 'client',
      removal: lines(f.get('removal')),
    };
    const ok = await act(() =>
      editing
        ? apiFetch(`/api/v1/custom-platforms/${editing.id}`, { method: 'PATCH', body })
        : apiFetch('/api/v1/custom-platforms', {
            method: 'POST',
            body: { ...body, slug: text(f.get('slug')) ?? slugOf(body.name) },
          }),
    );
    if (ok) {
      form.reset();
      setEditing(undefined);
    }
  };
  return (
    <DashboardLayout title="Other tools">
      {(me) => {
        const canWrite = me.user.role === 'owner' || me.user.role === 'manager';
        const list = mine.data?.customPlatforms ?? [];
        return (
          <>
            <p>
              Tools with no access API (email, CRM, website builders…): the client follows your
              steps and a person confirms. Latchkey shows this access as confirmed, not verified.
            </p>
            {problem && (
              <p role="alert" className="error">
                {problem}
              </p>
            )}
            <h2>Your tools</h2>
            <ul className="list" aria-label="Your tools">
              {list.map((d) => (
                <li key={d.id} data-testid={`tool-${d.slug}`}>
                  <span>
                    {d.logo && <img src={d.logo} alt="" width={20} height={20} />}{' '}
                    <strong>{d.name}</strong> <small>({d.slug})</small>{' '}
                    <small>
                      {d.confirmedBy === 'agency' ? 'confirmed by you' : 'confirmed by the client'}
                      {d.archived ? ' · archived' : ''}
                    </small>
                  </span>
                  {canWrite && (
                    <span>
                      <button type="button" onClick={() => setEditing(d)}>
                        Edit
                      </button>{' '}
                      <button
                        type="button"
                        onClick={() =>
                          void act(() =>
                            d.archived
                              ? apiFetch(`/api/v1/custom-platforms/${d.id}`, {
                                  method: 'PATCH',
                                  body: { archived: false },
                                })
                              : apiFetch(`/api/v1/custom-platforms/${d.id}`, { method: 'DELETE' }),
                          )
                        }
                      >
                        {d.archived ? 'Restore' : 'Archive'}
                      </button>
                    </span>
                  )}
                </li>
              ))}
            </ul>
            {mine.data && list.length === 0 && (
              <EmptyState title="No tools yet">
                Add a ready-made tool below, or define your own.
              </EmptyState>
            )}
            <h2>Ready-made</h2>
            <ul className="list" aria-label="Ready-made tools">
              {ready.data?.readyMade.map((r) => (
                <li key={r.id}>
                  <span>
                    <strong>{r.definition.name}</strong>{' '}
                    <small>
                      <a href={r.source} target="_blank" rel="noreferrer noopener">
                        vendor help
                      </a>
                    </small>
                  </span>
                  {canWrite &&
                    (r.added ? (
                      <small>added</small>
                    ) : (
                      <button
                        type="button"
                        data-testid={`add-${r.id}`}
                        onClick={() =>
                          void act(() =>
                            apiFetch(`/api/v1/custom-platforms/ready-made/${r.id}`, {
                              method: 'POST',
                              body: {},
                            }),
                          )
                        }
                      >
                        Add
                      </button>
                    ))}
                </li>
              ))}
            </ul>
            {canWrite && (
              <form
                className="stack"
                key={editing?.id ?? 'new'}
                onSubmit={(event) => void save(event)}
                aria-label="Tool definition"
              >
                <h2>{editing ? `Edit ${editing.name}` : 'Define your own tool'}</h2>
                <label>
                  Name <input name="name" required maxLength={80} defaultValue={editing?.name} />
                </label>
                {!editing && (
                  <label>
                    Short id (letters, digits, _){' '}
                    <input name="slug" pattern="[a-z][a-z0-9_]{1,39}" maxLength={40} />
                  </label>
                )}
                <label>
                  Logo (https URL or small image data URL){' '}
                  <input name="logo" maxLength={32000} defaultValue={editing?.logo ?? ''} />
                </label>
                <label>
                  Where the client starts (https URL){' '}
                  <input name="actionUrl" type="url" defaultValue={editing?.actionUrl ?? ''} />
                </label>
                <label>
                  Email the client invites (fills in {'{email}'}){' '}
                  <input
                    name="inviteEmail"
                    type="email"
                    defaultValue={editing?.inviteEmail ?? ''}
                  />
                </label>
                <label>
                  Steps for the client, one per line ({'{agency}'}, {'{email}'}, {'{level}'})
                  <textarea
                    name="steps"
                    required
                    rows={5}
                    defaultValue={editing?.steps.join('\n')}
                  />
                </label>
                <label>
                  Fields the client fills in, one per line: Label | text/email/url | required
                  <textarea
                    name="fields"
                    rows={3}
                    defaultValue={editing?.fields
                      .map((x) => `${x.label} | ${x.kind}${x.required ? ' | required' : ''}`)
                      .join('\n')}
                  />
                </label>
                <label>
                  Permission levels, one per line: Label: what it allows
                  <textarea
                    name="levels"
                    required
                    rows={3}
                    defaultValue={editing?.levels
                      .map((l) => `${l.label}: ${l.description}`)
                      .join('\n')}
                  />
                </label>
                <label>
                  Who confirms it is done{' '}
                  <select name="confirmedBy" defaultValue={editing?.confirmedBy ?? 'client'}>
                    <option value="client">The client</option>
                    <option value="agency">Us (the agency)</option>
                  </select>
                </label>
                <label>
                  How to remove the access at offboarding, one step per line
                  <textarea
                    name="removal"
                    required
                    rows={3}
                    defaultValue={editing?.removal.join('\n')}
                  />
                </label>
                <button type="submit">{editing ? 'Save changes' : 'Add tool'}</button>
                {editing && (
                  <button type="button" onClick={() => setEditing(undefined)}>
                    Cancel
                  </button>
                )}
              </form>
            )}
          </>
        );
      }}
    </DashboardLayout>
  );
}
