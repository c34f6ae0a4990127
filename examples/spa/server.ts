// Serves the SPA: index.html, app.js (src/app.ts bundled by esbuild when the server starts) and
// config.json (where Ostiary, the client and the API are). Any static host does the same job.
//
//   ISSUER=http://localhost:3000 CLIENT_ID=... API_URL=http://127.0.0.1:4001/notes PORT=4004 npx tsx examples/spa/server.ts
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface SpaOptions {
  readonly issuer: string;
  readonly clientId: string;
  readonly apiUrl: string;
  readonly resource: string;
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export async function startSpa(options: SpaOptions, port: number): Promise<Server> {
  const bundle = await build({
    entryPoints: [here('./src/app.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
  });
  const files: Record<string, { type: string; body: string | Uint8Array }> = {
    '/': { type: 'text/html', body: readFileSync(here('./index.html')) },
    '/app.js': { type: 'text/javascript', body: bundle.outputFiles[0]?.contents ?? '' },
    '/config.json': { type: 'application/json', body: JSON.stringify(options) },
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://spa').pathname];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': `default-src 'self'; connect-src 'self' ${new URL(options.issuer).origin} ${new URL(options.apiUrl).origin}`,
    });
    res.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 4004);
  const clientId = process.env.CLIENT_ID;
  if (!clientId) throw new Error('set CLIENT_ID');
  await startSpa(
    {
      issuer: process.env.ISSUER ?? 'http://localhost:3000',
      clientId,
      apiUrl: process.env.API_URL ?? 'http://127.0.0.1:4001/notes',
      resource: process.env.RESOURCE ?? 'https://notes.example.com',
    },
    port,
  );
  console.log(`SPA on http://127.0.0.1:${port}`);
}
