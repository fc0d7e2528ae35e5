import { useRef, useState } from 'react';
import { formatWhen } from './labels.ts';

export interface CreatedLink {
  url: string;
  expiresAt: string;
  emailedTo: string | null;
}

/**
 * The client link right after creation. The server keeps only a hash of it, so this is the one
 * time it can be seen: copy it now.
 */
export function LinkOnce(props: { link: CreatedLink; requestId: string; title: string }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | undefined>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.link.url);
      setCopied('Copied to the clipboard.');
    } catch {
      field.current?.select();
      setCopied('Selected: press Ctrl+C (or ⌘C) to copy.');
    }
  };
  return (
    <section className="rq-link-once" aria-labelledby="link-once-title" data-testid="link-once">
      <h2 id="link-once-title">Request “{props.title}” created</h2>
      <p className="rq-warning" role="note">
        <strong>This link is shown only once.</strong> Latchkey keeps only a fingerprint of it and
        cannot show it again. Copy it now and send it to your client; if it is lost, revoke this
        request and make a new one.
      </p>
      <label htmlFor="request-link">Client link</label>
      <div className="rq-copy-row">
        <input
          id="request-link"
          ref={field}
          readOnly
          value={props.link.url}
          data-testid="request-link"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" onClick={() => void copy()} data-testid="copy-link">
          Copy link
        </button>
      </div>
      {copied && <p role="status">{copied}</p>}
      <p>
        The link works until {formatWhen(props.link.expiresAt)}.{' '}
        {props.link.emailedTo ? (
          <span data-testid="emailed-to">
            We also emailed it to <strong>{props.link.emailedTo}</strong>.
          </span>
        ) : (
          'It was not emailed: no client email was given.'
        )}
      </p>
      <p className="rq-actions">
        <a href={`/app/requests/${props.requestId}`} data-testid="view-request">
          Follow this request
        </a>
        <a href="/app/requests">Back to all requests</a>
      </p>
    </section>
  );
}
