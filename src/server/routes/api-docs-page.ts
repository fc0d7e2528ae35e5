/** The API docs page: static HTML plus a script that lists every operation of the document. */
export const docsPageHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Latchkey API</title>
<style>
body{font-family:system-ui,sans-serif;max-width:960px;margin:0 auto;padding:2rem 1.5rem;color:#1d2330;background:#f6f7f9}
code,pre{font-family:ui-monospace,monospace;font-size:.85rem}
pre{background:#fff;border:1px solid #dde1e8;padding:.75rem;overflow:auto;border-radius:6px}
section{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:1rem;margin:1rem 0}
.method{display:inline-block;min-width:4.5rem;font-weight:700}
details summary{cursor:pointer;color:#3b4a66}
</style>
</head>
<body>
<h1>Latchkey API</h1>
<p>Machine-readable document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).</p>
<div id="intro"></div>
<div id="operations"><p>Loading…</p></div>
<script src="/api/docs/docs.js"></script>
</body>
</html>
`;

export const docsPageScript = `(function () {
  function el(tag, text) { var node = document.createElement(tag); if (text) node.textContent = text; return node; }
  function block(title, value) {
    var details = el('details'); details.appendChild(el('summary', title));
    details.appendChild(el('pre', JSON.stringify(value, null, 2))); return details;
  }
  fetch('/api/v1/openapi.json').then(function (r) { return r.json(); }).then(function (doc) {
    document.getElementById('intro').appendChild(el('p', doc.info.description || ''));
    var root = document.getElementById('operations'); root.textContent = '';
    Object.keys(doc.paths).sort().forEach(function (path) {
      var item = doc.paths[path];
      Object.keys(item).forEach(function (method) {
        var op = item[method]; var section = el('section');
        var head = el('h3'); var verb = el('span', method.toUpperCase()); verb.className = 'method';
        head.appendChild(verb); head.appendChild(el('code', path)); section.appendChild(head);
        if (op.summary) section.appendChild(el('p', op.summary));
        if (op.parameters && op.parameters.length) section.appendChild(block('Parameters', op.parameters));
        if (op.requestBody) section.appendChild(block('Request body', op.requestBody.content));
        if (op.responses) section.appendChild(block('Responses', op.responses));
        root.appendChild(section);
      });
    });
  }).catch(function () { document.getElementById('operations').textContent = 'Could not load the API document.'; });
})();
`;
