import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A plain static host for dist/, mounted under `prefix` (for example /blog/demo/), as GitHub Pages
 * or any web server would serve the build. `rewrite` may change a file's text on the way out;
 * `headers` are sent with every response (a Content-Security-Policy, say).
 */
export async function serveDist(
  port: number,
  prefix = '/',
  rewrite?: (path: string, text: string) => string,
  headers: Record<string, string> = {},
): Promise<StaticServer> {
  const root = join(import.meta.dirname, '..', '..', 'dist');
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (!path.startsWith(prefix)) {
        res.writeHead(404).end('not under the prefix');
        return;
      }
      let rel = normalize(decodeURIComponent(path.slice(prefix.length)));
      if (rel === '' || rel === '.' || rel.endsWith('/')) rel = join(rel, 'index.html');
      if (rel.startsWith('..')) {
        res.writeHead(403).end();
        return;
      }
      try {
        const type = TYPES[extname(rel)] ?? 'application/octet-stream';
        let body: Buffer | string = await readFile(join(root, rel));
        if (rewrite && type.startsWith('text/html')) body = rewrite(rel, body.toString('utf8'));
        res.writeHead(200, { ...headers, 'content-type': type }).end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
