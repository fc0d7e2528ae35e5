// Tiny HTML helpers for the sandbox's Google sign-in and consent pages (stable data-testids).
import { documentShell, esc, hiddenInputs } from '../../../sandbox-kit/html.ts';

export { esc } from '../../../sandbox-kit/html.ts';

const css = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#202124;background:#f1f3f4}
main{max-width:560px;margin:40px auto;background:#fff;border:1px solid #dadce0;border-radius:8px;padding:28px 36px}
h1{font-weight:400;font-size:24px}ul{padding-left:18px}li{margin:6px 0}
button{background:#1a73e8;color:#fff;border:0;border-radius:4px;padding:8px 18px;cursor:pointer;font-size:14px}
button.secondary{background:#fff;color:#1a73e8;border:1px solid #dadce0}.user{display:flex;justify-content:space-between;align-items:center;border-bottom:1px solid #eee;padding:8px 0}
.error{color:#d93025}.brand{font-weight:600;color:#5f6368;font-size:14px}`;

/** The page shell (no third-party resources, no scripts). */
export function page(title: string, body: string): string {
  return documentShell({
    title,
    product: 'Google sandbox',
    css,
    body: `<main><div class="brand">Google Accounts (sandbox)</div><h1>${esc(title)}</h1>${body}</main>`,
  });
}

/** Hidden inputs carrying fields through a form. */
export function hidden(fields: Record<string, string>): string {
  return hiddenInputs(fields);
}
