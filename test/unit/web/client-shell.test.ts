import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { inlineStylesheets } from '../../../vite-plugins.ts';

// The client's page paints from its HTML alone (bench/paint.ts): client.html carries a static
// shell in its root, and the build puts its stylesheet inline instead of linking it.
describe("the client page's first paint", () => {
  it('has a static shell in its root, which React replaces', async () => {
    const html = await readFile(new URL('../../../web/client.html', import.meta.url), 'utf8');
    const root = /<div id="root">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
    expect(root).toContain('<main class="lk-client" data-shell="">');
    expect(root).toContain('<p>Loading…</p>');
    expect(html).toContain('<noscript>');
  });

  it("puts the build's own stylesheets inline and leaves other links alone", () => {
    const css = '.lk-client{max-width:720px}\n';
    const html = [
      '<script type="module" crossorigin src="/assets/client-abc.js"></script>',
      '<link rel="stylesheet" crossorigin href="/assets/styles-abc.css">',
      '<link rel="stylesheet" href="https://fonts.example/x.css">',
    ].join('\n');
    const out = inlineStylesheets(html, {
      'assets/styles-abc.css': { type: 'asset', source: new TextEncoder().encode(css) },
    });
    expect(out).toContain('<style>.lk-client{max-width:720px}</style>');
    expect(out).not.toContain('/assets/styles-abc.css');
    expect(out).toContain('<link rel="stylesheet" href="https://fonts.example/x.css">');
    expect(out).toContain('/assets/client-abc.js');
  });

  it('keeps the link of a stylesheet that is not in the bundle or would end the element', () => {
    const link = '<link rel="stylesheet" crossorigin href="/assets/odd.css">';
    expect(inlineStylesheets(link, {})).toBe(link);
    const hostile = { 'assets/odd.css': { type: 'asset', source: 'a{}</style><script>' } };
    expect(inlineStylesheets(link, hostile)).toBe(link);
  });
});
