// Tiny HTML helpers for the sandbox pages: escaping, the page shell, forms with stable test ids.
import { consolePage, esc } from '../../../sandbox-kit/html.ts';

export { actionForm, esc } from '../../../sandbox-kit/html.ts';

const css = `body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1c1e21;background:#f0f2f5}
header{background:#1c2b33;color:#fff;padding:10px 24px;display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center}
header a{color:#fff}main{max-width:980px;margin:24px auto;padding:0 24px;overflow-wrap:anywhere}
@media (max-width:600px){header{padding:10px 12px}main{padding:0 12px}}
section{background:#fff;border:1px solid #dadde1;border-radius:8px;padding:16px 20px;margin-bottom:18px}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:6px 8px;border-bottom:1px solid #eee;vertical-align:top}
button{background:#0866ff;color:#fff;border:0;border-radius:6px;padding:6px 12px;cursor:pointer}
button.secondary{background:#65676b}form.inline{display:inline}label{margin-right:10px}
input,select{padding:4px 6px;margin:2px 6px 2px 0}.tag{background:#e7f3ff;border-radius:3px;padding:1px 6px;font-size:12px}
.error{border-color:#e41e3f;color:#a00}`;

/** The page shell: title, header with sign-in state, body. */
export const page = consolePage({
  product: 'Meta sandbox',
  brand: 'Meta for Business (sandbox)',
  css,
  nav: (base) =>
    `<a href="${base}/business-settings" data-testid="business-settings-link">Business Settings</a>`,
  labels: { signIn: 'Log in', signOut: 'Log out' },
});

/** Checkboxes, one per value, all with the same name. */
export function checkboxes(
  name: string,
  values: readonly string[],
  testIdPrefix: string,
  checked: readonly string[] = [],
): string {
  return values
    .map(
      (v) =>
        `<label><input type="checkbox" name="${esc(name)}" value="${esc(v)}" data-testid="${esc(`${testIdPrefix}-${v}`)}"${checked.includes(v) ? ' checked' : ''}> ${esc(v)}</label>`,
    )
    .join(' ');
}
