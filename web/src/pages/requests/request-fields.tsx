import { languages } from '../../i18n/languages.ts';
import type { Client, RequestItem } from './types.ts';

export interface Template {
  id: string;
  name: string;
  items: RequestItem[];
}

/**
 * The request's text fields: template, client (or none, with an email to send the link to),
 * title, message, the client's language, access end date and how long the link works.
 */
export function RequestFields(props: {
  clients: Client[];
  templates: Template[];
  templateId: string;
  onTemplate: (id: string) => void;
  title: string;
  onTitle: (title: string) => void;
}) {
  return (
    <>
      <label>
        Start from a template
        <select
          name="templateId"
          value={props.templateId}
          onChange={(e) => props.onTemplate(e.target.value)}
          data-testid="template"
        >
          <option value="">No template</option>
          {props.templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Client
        <select name="clientId" defaultValue="" data-testid="client">
          <option value="">No client (send the link yourself)</option>
          {props.clients.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
              {c.email ? ` <${c.email}>` : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        Email the link to (optional; the client&apos;s email is used when it has one)
        <input name="clientEmail" type="email" maxLength={320} data-testid="client-email" />
      </label>
      <label>
        Title
        <input
          name="title"
          maxLength={200}
          value={props.title}
          onChange={(e) => props.onTitle(e.target.value)}
          placeholder="e.g. TikTok ads for Acme"
          data-testid="title"
        />
      </label>
      <label>
        Message to the client (optional)
        <textarea name="message" maxLength={2000} rows={3} data-testid="message" />
      </label>
      <label>
        Client&apos;s language (emails and the first view of the client&apos;s page)
        <select name="language" defaultValue="" data-testid="language">
          <option value="">
            Not set: emails in English, the page in the browser&apos;s language
          </option>
          {languages.map((l) => (
            <option key={l.id} value={l.id}>
              {l.label}
            </option>
          ))}
        </select>
      </label>
      <div className="rq-two">
        <label>
          Access ends on (optional)
          <input name="accessEndsOn" type="date" data-testid="access-ends" />
        </label>
        <label>
          Link works for
          <select name="linkExpiresInDays" defaultValue="14" data-testid="link-days">
            {[3, 7, 14, 30, 60, 90].map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
        </label>
      </div>
    </>
  );
}
