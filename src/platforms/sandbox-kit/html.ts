// HTML building blocks shared by the sandbox pages: escaping, hidden fields, one-button forms and
// the document shell. Styles, branding and page content stay with each sandbox.

/** Escapes text for HTML (element content and quoted attribute values). */
export function esc(value: string | number | null | undefined): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Hidden inputs carrying fields through a form. */
export function hiddenInputs(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
}

/**
 * A POST form with hidden fields and one submit button (stable test id). `accessibleName` tells a
 * screen reader which of many same-labelled buttons this is ("Sign in as Dana Reyes"); it must
 * contain the visible label.
 */
export function actionForm(
  action: string,
  fields: Record<string, string>,
  label: string,
  testId: string,
  secondary = false,
  accessibleName?: string,
): string {
  const name = accessibleName ? ` aria-label="${esc(accessibleName)}"` : '';
  return `<form class="inline" method="post" action="${esc(action)}">${hiddenInputs(fields)}<button${secondary ? ' class="secondary"' : ''}${name} data-testid="${esc(testId)}">${esc(label)}</button></form>`;
}

/** The document around a page body: title with the sandbox's name, inline CSS, no scripts. */
export function documentShell(options: {
  title: string;
  product: string;
  css: string;
  body: string;
}): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(options.title)} · ${options.product}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${options.css}</style></head>
<body>${options.body}</body></html>`;
}

/**
 * "Not you?" on a consent page: a link to the sandbox's sign-in page that comes back to
 * `consentUrl` (a local path under `base`, as `request.url` is) once another person is picked. A
 * shared browser (an agency person and a client on one computer) needs it: the consent page
 * otherwise only offers to continue as whoever signed in last. Picking a person replaces the
 * session, so nothing is signed out by merely following the link (a GET changes nothing).
 */
export function switchAccountLink(
  base: string,
  consentUrl: string,
  label = 'Not you? Use another account',
): string {
  return `<p><a href="${esc(`${base}/signin?next=${encodeURIComponent(consentUrl)}`)}" data-testid="switch-account">${esc(label)}</a></p>`;
}

/** The header's sign-in state: who is signed in with a sign-out button, or a sign-in link. */
export function signInState(
  base: string,
  user: { name: string; email: string } | null | undefined,
  labels: { signIn: string; signOut: string },
): string {
  return user
    ? `<span data-testid="signed-in-as">${esc(user.name)} &lt;${esc(user.email)}&gt;</span>
       <form class="inline" method="post" action="${base}/signout"><button class="secondary" data-testid="sign-out">${labels.signOut}</button></form>`
    : `<a href="${base}/signin" data-testid="sign-in-link">${labels.signIn}</a>`;
}

/**
 * A page builder for console-style sandboxes: a branded header with navigation and the sign-in
 * state, then the title and body. The sandbox brings its CSS, names, links and wording.
 */
export function consolePage(options: {
  product: string;
  brand: string;
  css: string;
  nav: (base: string) => string;
  labels: { signIn: string; signOut: string };
}): (
  base: string,
  title: string,
  body: string,
  user?: { name: string; email: string } | null,
) => string {
  return (base, title, body, user) =>
    documentShell({
      title,
      product: options.product,
      css: options.css,
      body: `<header><strong>${options.brand}</strong>${options.nav(base)}<span style="flex:1"></span>${signInState(base, user, options.labels)}</header>
<main><h1>${esc(title)}</h1>${body}</main>`,
    });
}
