// A static file server that behaves like GitHub Pages for a project site:
// the site lives under a base path, a folder's address without its slash is
// redirected (301) to the address with it, a folder is answered with its
// index.html, and unknown paths get 404.html with status 404.
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.md': 'text/markdown; charset=utf-8', '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Starts serving `dist` under `base`; resolves to { url, close, requests,
 * sent, setDist }. `setDist` swaps the site being served (a new deploy);
 * `sent` counts the bytes of every file sent (raw, and with `{ gzip: true }`
 * as gzip would send them).
 */
export async function serve(dist, base, { gzip = false } = {}) {
  const requests = [];
  const sent = { raw: 0, gzip: 0, files: 0 };
  const root = { dist };
  const server = createServer(async (req, res) => {
    const address = new URL(req.url, 'http://x');
    const path = decodeURIComponent(address.pathname);
    requests.push(path);
    if (!path.startsWith(base)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('outside the site');
      return;
    }
    let file = normalize(join(root.dist, path.slice(base.length)));
    if (!file.startsWith(normalize(root.dist))) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) {
        if (!path.endsWith('/')) {
          res.writeHead(301, { location: `${address.pathname}/${address.search}` }).end();
          return;
        }
        file = join(file, 'index.html');
      }
      // Revalidation like a real host: Last-Modified / If-Modified-Since → 304.
      const modified = (await stat(file)).mtime;
      modified.setMilliseconds(0);
      const since = req.headers['if-modified-since'];
      if (since && new Date(since) >= modified) {
        res.writeHead(304, { 'last-modified': modified.toUTCString() }).end();
        return;
      }
      const body = await readFile(file);
      sent.raw += body.length;
      if (gzip) sent.gzip += gzipSync(body, { level: 6 }).length;
      sent.files++;
      // Like GitHub Pages: revalidate, so a new deploy is seen on the next check.
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'max-age=0, must-revalidate',
        'last-modified': modified.toUTCString(),
      }).end(body);
    } catch {
      const fallback = await readFile(join(root.dist, '404.html')).catch(() => 'not found');
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(fallback);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${base}`,
    requests,
    sent,
    setDist: (next) => { root.dist = next; },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
