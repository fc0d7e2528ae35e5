// Tiny HTML helpers: escaping, the page shell with inline CSS, forms with stable test ids.
import { consolePage, esc } from '../../../sandbox-kit/html.ts';

export { actionForm, esc } from '../../../sandbox-kit/html.ts';

const css = `body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#161823;background:#f8f8f8}
header{background:#161823;color:#fff;padding:10px 24px;display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center}
header a{color:#fff}main{max-width:980px;margin:24px auto;padding:0 24px;overflow-wrap:anywhere}
@media (max-width:600px){header{padding:10px 12px}main{padding:0 12px}}
section{background:#fff;border:1px solid #e3e3e4;border-radius:8px;padding:16px 20px;margin-bottom:18px}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:6px 8px;border-bottom:1px solid #eee}
button{background:#d91a45;color:#fff;border:0;border-radius:4px;padding:6px 12px;cursor:pointer}
button.secondary{background:#5e6066}form.inline{display:inline}label{margin-right:10px}
input,select{padding:4px 6px;margin:2px 6px 2px 0}.tag{background:#25f4ee;border-radius:3px;padding:1px 6px;font-size:12px}
nav a{margin-right:14px}.error{border-color:#fe2c55}`;

/** The page shell: title, header with sign-in state, body. */
export const page = consolePage({
  product: 'TikTok sandbox',
  brand: 'TikTok for Business (sandbox)',
  css,
  nav: (base) => `<a href="${base}/console">Business Center</a>`,
  labels: { signIn: 'Sign in', signOut: 'Sign out' },
});

/** A `<select>` with a label and test id. */
export function select(
  name: string,
  label: string,
  options: Array<[string, string]>,
  testId: string,
): string {
  const opts = options.map(([v, t]) => `<option value="${esc(v)}">${esc(t)}</option>`).join('');
  return `<label>${esc(label)} <select name="${esc(name)}" data-testid="${esc(testId)}">${opts}</select></label>`;
}

/** A text `<input>` with a label and test id. */
export function textInput(name: string, label: string, testId: string, placeholder = ''): string {
  return `<label>${esc(label)} <input name="${esc(name)}" data-testid="${esc(testId)}" placeholder="${esc(placeholder)}"></label>`;
}
