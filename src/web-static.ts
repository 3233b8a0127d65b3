// Serves the built web app (web/dist) with a fallback to index.html for client-side routes.
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { PlatformModule } from './core/module.ts';

export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');

export const webModule: PlatformModule = {
  name: 'web',
  async register({ app }) {
    if (!existsSync(join(WEB_DIST, 'index.html'))) {
      app.log.warn('web/dist is missing: run `npm run build` to serve the web app');
      return;
    }
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, index: ['index.html'] });
    // Client-side routes get index.html; API paths and missing files keep the problem+json 404 of core/http.
    app.get('/*', { schema: { hide: true } }, (req, reply) => {
      const path = req.url.split('?')[0] ?? '/';
      if (path.startsWith('/api/') || path.includes('.')) return reply.callNotFound();
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    });
  },
};
