// Serves the built web app (web/dist) with a fallback to index.html for client-side routes.
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { PlatformModule } from './core/module.ts';
import { ProblemError, problemBody } from './core/errors.ts';

export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');

export const webModule: PlatformModule = {
  name: 'web',
  async register({ app }) {
    if (!existsSync(join(WEB_DIST, 'index.html'))) {
      app.log.warn('web/dist is missing: run `npm run build` to serve the web app');
      return;
    }
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, index: ['index.html'] });
    app.setNotFoundHandler((req, reply) => {
      const path = req.url.split('?')[0] ?? '/';
      if (req.method === 'GET' && !path.startsWith('/api/') && !path.includes('.')) {
        return reply.type('text/html; charset=utf-8').sendFile('index.html');
      }
      const err = new ProblemError(404, 'not-found');
      return reply.code(404).type('application/problem+json; charset=utf-8').send(problemBody(err, req.locale, path, req.id));
    });
  },
};
