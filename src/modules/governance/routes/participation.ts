// Routes of taking part: proxies, attendance, votes, the member's own view and the live view (poll or SSE).
import Type from 'typebox';
import type { App } from '../../../core/http.ts';
import { requirePrincipal } from '../../../core/http.ts';
import type { Database } from '../../../core/db.ts';
import * as svc from '../service.ts';
import * as S from '../types.ts';
import { actorOf, problems, tags } from './shared.ts';

/** How often the event stream looks for changes, and how long one stream lasts before the browser reconnects. */
const STREAM_POLL_MS = 2000;
const STREAM_MAX_MS = 30 * 60_000;

export function registerParticipationRoutes(app: App, database: Database): void {
  const db = database.db;
  // Open event streams end when the server closes (they would otherwise hold it open).
  const streams = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const stop of streams) stop();
  });

  app.get('/api/v1/assemblies/:id/proxies', { schema: { tags, summary: 'All proxies (chair, staff) or those I gave and hold', params: S.IdParams, querystring: S.ProxyListQuery, response: { 200: Type.Object({ items: Type.Array(S.ProxyViewSchema) }), ...problems } } }, async (req) =>
    svc.listProxies(db, requirePrincipal(req), req.params.id, req.query.includeRevoked ?? false),
  );
  app.post('/api/v1/assemblies/:id/proxies', { schema: { tags, summary: 'Give my proxy to another member (art. 2539)', params: S.IdParams, body: S.ProxyInputSchema, response: { 201: S.ProxyViewSchema, ...problems } } }, async (req, reply) => {
    reply.code(201);
    return svc.grantProxy(db, actorOf(req), req.params.id, req.body);
  });
  app.post('/api/v1/proxies/:id/revoke', { schema: { tags, params: S.IdParams, response: { 200: S.ProxyViewSchema, ...problems } } }, async (req) =>
    svc.revokeProxy(db, actorOf(req), req.params.id),
  );

  app.get('/api/v1/assemblies/:id/attendance', { schema: { tags, params: S.IdParams, querystring: S.LangQuery, response: { 200: S.AttendanceListSchema, ...problems } } }, async (req) =>
    svc.listAttendance(db, requirePrincipal(req), req.params.id),
  );
  app.post('/api/v1/assemblies/:id/attendance/check-in', { schema: { tags, summary: 'Check a member in (staff) or myself online', params: S.IdParams, body: S.AttendanceInputSchema, response: { 200: S.AttendanceResultSchema, ...problems } } }, async (req) =>
    svc.setAttendance(db, actorOf(req), req.params.id, req.body, 'check_in'),
  );
  app.post('/api/v1/assemblies/:id/attendance/check-out', { schema: { tags, params: S.IdParams, body: S.AttendanceInputSchema, response: { 200: S.AttendanceResultSchema, ...problems } } }, async (req) =>
    svc.setAttendance(db, actorOf(req), req.params.id, req.body, 'check_out'),
  );

  app.get('/api/v1/ballots/:id', { schema: { tags, params: S.IdParams, querystring: S.LangQuery, response: { 200: S.BallotViewSchema, ...problems } } }, async (req) =>
    svc.ballotById(db, requirePrincipal(req), req.params.id, req.locale),
  );
  app.post('/api/v1/ballots/:id/open', { schema: { tags, params: S.IdParams, response: { 200: S.BallotViewSchema, ...problems } } }, async (req) =>
    svc.openBallot(db, actorOf(req), req.params.id, req.locale),
  );
  app.post('/api/v1/ballots/:id/close', { schema: { tags, summary: 'Close and count; the result is frozen', params: S.IdParams, response: { 200: S.BallotViewSchema, ...problems } } }, async (req) =>
    svc.closeBallot(db, actorOf(req), req.params.id, req.locale),
  );
  app.post('/api/v1/ballots/:id/votes', { schema: { tags, summary: 'Vote, for myself and/or the members I represent (one vote each, once)', params: S.IdParams, body: S.CastInputSchema, response: { 201: S.CastResultSchema, ...problems } } }, async (req, reply) => {
    reply.code(201);
    return svc.castVote(db, actorOf(req), req.params.id, req.body);
  });
  app.post('/api/v1/ballots/:id/postal-votes', { schema: { tags, summary: 'Record a stack of postal ballots (chair’s staff; all or none)', params: S.IdParams, body: S.PostalBatchSchema, response: { 201: S.CastResultSchema, ...problems } } }, async (req, reply) => {
    reply.code(201);
    return svc.castPostalBatch(db, actorOf(req), req.params.id, req.body.ballots);
  });
  app.get('/api/v1/ballots/:id/votes', { schema: { tags, summary: 'Who voted (and how, in an open ballot); a member sees their own', params: S.IdParams, querystring: S.PageQuery, response: { 200: S.CastListSchema, ...problems } } }, async (req) =>
    svc.listCasts(db, requirePrincipal(req), req.params.id, req.query.page ?? 1, req.query.pageSize ?? 100),
  );
  app.get('/api/v1/ballots/:id/export', { schema: { tags, summary: 'The ballot file of a closed vote, to recount with `cooperando count`', params: S.IdParams, querystring: S.LangQuery, response: { 200: S.BallotFileSchema, ...problems } } }, async (req) =>
    svc.exportBallot(db, requirePrincipal(req), req.params.id),
  );

  app.get('/api/v1/assemblies/:id/me', { schema: { tags, summary: 'My part in the assembly: roll entry, notice, attendance, proxies, what I may vote on and for whom', params: S.IdParams, querystring: S.LangQuery, response: { 200: S.ParticipationSchema, ...problems } } }, async (req) =>
    svc.myParticipation(db, requirePrincipal(req), req.params.id, req.locale),
  );
  app.get('/api/v1/assemblies/:id/live', { schema: { tags, summary: 'Live state (poll it; `version` changes when anything does)', params: S.IdParams, querystring: S.LangQuery, response: { 200: S.LiveSchema, ...problems } } }, async (req) =>
    svc.liveSnapshot(db, requirePrincipal(req), req.params.id, req.locale),
  );
  app.get('/api/v1/assemblies/:id/live/stream', { schema: { tags, summary: 'Live state as server-sent events (text/event-stream): an `assembly` event with the same body as /live at each change', params: S.IdParams, querystring: S.LangQuery, response: { 200: { type: 'string' }, ...problems } } }, async (req, reply) => {
    const p = requirePrincipal(req);
    const locale = req.locale;
    let last = '';
    // The first snapshot is taken before hijacking, so a refused request still gets its problem+json.
    const first = await svc.liveSnapshot(db, p, req.params.id, locale);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const send = (snap: typeof first) => {
      if (snap.version === last) return;
      last = snap.version;
      res.write(`event: assembly\nid: ${snap.version}\ndata: ${JSON.stringify(snap)}\n\n`);
    };
    send(first);
    const started = Date.now();
    let ticks = 0;
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      if (Date.now() - started > STREAM_MAX_MS) return stop();
      busy = true;
      svc.liveSnapshot(db, p, req.params.id, locale)
        .then((snap) => {
          send(snap);
          if (++ticks % 10 === 0) res.write(': keep-alive\n\n');
        })
        .catch(() => stop())
        .finally(() => (busy = false));
    }, STREAM_POLL_MS);
    const stop = () => {
      clearInterval(timer);
      streams.delete(stop);
      if (!res.writableEnded) res.end();
    };
    streams.add(stop);
    req.raw.on('close', stop);
  });
}
