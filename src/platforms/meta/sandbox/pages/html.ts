// Tiny HTML helpers for the sandbox pages: escaping, the page shell, forms with stable test ids.

/** Escapes text for HTML. */
export function esc(value: string | number | null | undefined): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const css = `body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1c1e21;background:#f0f2f5}
header{background:#1c2b33;color:#fff;padding:10px 24px;display:flex;gap:16px;align-items:center}
header a{color:#fff}main{max-width:980px;margin:24px auto;padding:0 24px}
section{background:#fff;border:1px solid #dadde1;border-radius:8px;padding:16px 20px;margin-bottom:18px}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:6px 8px;border-bottom:1px solid #eee;vertical-align:top}
button{background:#0866ff;color:#fff;border:0;border-radius:6px;padding:6px 12px;cursor:pointer}
button.secondary{background:#8a8d91}form.inline{display:inline}label{margin-right:10px}
input,select{padding:4px 6px;margin:2px 6px 2px 0}.tag{background:#e7f3ff;border-radius:3px;padding:1px 6px;font-size:12px}
.error{border-color:#e41e3f;color:#a00}`;

/** The page shell: title, header with sign-in state, body. */
export function page(
  base: string,
  title: string,
  body: string,
  user?: { name: string; email: string } | null,
): string {
  const who = user
    ? `<span data-testid="signed-in-as">${esc(user.name)} &lt;${esc(user.email)}&gt;</span>
       <form class="inline" method="post" action="${base}/signout"><button class="secondary" data-testid="sign-out">Log out</button></form>`
    : `<a href="${base}/signin" data-testid="sign-in-link">Log in</a>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · Meta sandbox</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${css}</style></head>
<body><header><strong>Meta for Business (sandbox)</strong><a href="${base}/business-settings" data-testid="business-settings-link">Business Settings</a><span style="flex:1"></span>${who}</header>
<main><h1>${esc(title)}</h1>${body}</main></body></html>`;
}

/** A POST form with hidden fields and one submit button. */
export function actionForm(
  action: string,
  fields: Record<string, string>,
  label: string,
  testId: string,
  secondary = false,
): string {
  const hidden = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
  return `<form class="inline" method="post" action="${esc(action)}">${hidden}<button${secondary ? ' class="secondary"' : ''} data-testid="${esc(testId)}">${esc(label)}</button></form>`;
}

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
