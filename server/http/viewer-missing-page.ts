/** The page `/` shows when the viewer has not been built yet. */
const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function viewerMissingPage(viewerDir: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cimflow: viewer not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 3em auto">
<h1>The cimflow viewer is not built yet</h1>
<p>The server is running, but there is no viewer build in <code>${escapeHtml(viewerDir)}</code>.</p>
<p>Run <code>npm run build</code> in the project folder, then reload this page.</p>
<p>The API answers meanwhile: <a href="/api/health">/api/health</a>, <a href="/api/config">/api/config</a>.</p>
</body></html>
`;
}
