import { useState, type FormEvent } from 'react';
import { apiFetch } from '../dashboard/api.ts';
import { DashboardLayout } from '../dashboard/layout.tsx';
import { useApi } from '../dashboard/use-api.ts';
import { AdvisorPanel } from './advisor-panel.tsx';
import { AssetChooser, itemsOf, selectionOf, type Selection } from './asset-chooser.tsx';
import { explainError } from './explain-error.ts';
import { LinkOnce, type CreatedLink } from './link-once.tsx';
import { RequestFields, type Template } from './request-fields.tsx';
import { ConnectionNotice, labelItems, type Connection } from './grantable.tsx';
import { Loading } from './status-badges.tsx';
import type { Client, PlatformOptions, RequestView } from './types.ts';
import './requests.css';

interface Created {
  request: RequestView;
  link: CreatedLink;
}

/** The end of the chosen day in local time, as the ISO instant the API expects. */
function endOfDay(date: string): string {
  return new Date(`${date}T23:59:59`).toISOString();
}

/**
 * /app/requests/new: pick a client (or none), optionally a template, the assets with their levels,
 * a title and message, and an optional access end date; on success the link is shown once.
 */
export function NewRequestPage() {
  const options = useApi<PlatformOptions>('/api/v1/requests/options');
  const templates = useApi<{ templates: Template[] }>('/api/v1/templates');
  const clients = useApi<{ clients: Client[] }>('/api/v1/clients');
  const connections = useApi<{ connections: Connection[] }>('/api/v1/agency/connections');
  const [selection, setSelection] = useState<Selection>({});
  const [templateId, setTemplateId] = useState('');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [created, setCreated] = useState<Created | undefined>();
  const items = options.data ? itemsOf(options.data, selection) : [];
  const pickTemplate = (id: string) => {
    setTemplateId(id);
    const template = templates.data?.templates.find((t) => t.id === id);
    if (!template) return;
    setSelection(selectionOf(template.items));
    if (!title) setTitle(template.name);
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = fields.get(name);
      return typeof value === 'string' && value.trim() ? value.trim() : undefined;
    };
    const accessEnd = text('accessEndsOn');
    const clientId = text('clientId');
    const clientEmail = text('clientEmail');
    const message = text('message');
    const language = text('language');
    const days = text('linkExpiresInDays');
    setBusy(true);
    setProblem(undefined);
    try {
      setCreated(
        await apiFetch<Created>('/api/v1/requests', {
          method: 'POST',
          body: {
            ...(title.trim() ? { title: title.trim() } : {}),
            ...(message ? { message } : {}),
            ...(language ? { language } : {}),
            ...(clientId ? { clientId } : {}),
            ...(clientEmail ? { clientEmail } : {}),
            // The ticked assets are the truth: with none, the server says what is missing.
            ...(templateId && items.length > 0 ? { templateId } : {}),
            ...(items.length > 0 ? { items } : {}),
            ...(days ? { linkExpiresInDays: Number(days) } : {}),
            ...(accessEnd ? { accessEndsAt: endOfDay(accessEnd) } : {}),
          },
        }),
      );
    } catch (error) {
      setProblem(explainError(error, options.data ? labelItems(options.data, items) : []));
    } finally {
      setBusy(false);
    }
  };
  const loadError = options.error ?? templates.error ?? clients.error;
  return (
    <DashboardLayout title="New request">
      {(me) => {
        if (created)
          return (
            <LinkOnce
              link={created.link}
              requestId={created.request.id}
              title={created.request.title}
            />
          );
        if (me.user.role === 'viewer')
          return <p>Viewers cannot make requests: ask a member or manager.</p>;
        if (loadError) return <p role="alert">{loadError}</p>;
        if (!options.data || !templates.data || !clients.data) return <Loading what="the form" />;
        return (
          <form className="stack rq-form" onSubmit={(e) => void submit(e)} aria-busy={busy}>
            <RequestFields
              clients={clients.data.clients}
              templates={templates.data.templates}
              templateId={templateId}
              onTemplate={pickTemplate}
              title={title}
              onTitle={setTitle}
            />
            <h2>What do you need?</h2>
            <AssetChooser options={options.data} selection={selection} onChange={setSelection} />
            <ConnectionNotice
              connections={connections.data?.connections}
              platforms={items.map((item) => item.platform)}
            />
            <AdvisorPanel
              items={items}
              options={options.data}
              onUse={(next) => setSelection(selectionOf(next))}
            />
            {problem && (
              <p role="alert" className="rq-error" data-testid="request-error">
                {problem}
              </p>
            )}
            <div className="rq-actions">
              <button type="submit" disabled={busy} data-testid="create-request">
                {busy ? 'Creating…' : 'Create request and get the link'}
              </button>
              <a href="/app/requests">Cancel</a>
            </div>
          </form>
        );
      }}
    </DashboardLayout>
  );
}
