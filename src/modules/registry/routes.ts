// Registry HTTP routes: thin — schemas (validation + OpenAPI) and a call into the service.
import type { App } from '../../core/http.ts';
import { requirePrincipal, problemSchema } from '../../core/http.ts';
import type { Database } from '../../core/db.ts';
import * as svc from './service.ts';
import * as S from './types.ts';
import Type from 'typebox';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

export function registerRegistryRoutes(app: App, database: Database): void {
  const db = database.db;
  const actor = (req: Parameters<typeof requirePrincipal>[0]) => ({ principal: requirePrincipal(req), requestId: req.id });
  const tags = ['registry'];

  app.get('/api/v1/organisations', { schema: { tags, querystring: S.OrganisationListQuery, response: { 200: Type.Object({ items: Type.Array(S.OrganisationViewSchema) }), ...errors } } }, async (req) => ({
    items: await svc.listOrganisations(db, requirePrincipal(req), req.query.kind as never),
  }));

  app.post('/api/v1/organisations', { schema: { tags, body: S.OrganisationCreateSchema, response: { 201: S.OrganisationViewSchema, ...errors } } }, async (req, reply) => {
    reply.code(201);
    return svc.createOrganisation(db, actor(req), req.body as never);
  });

  app.get('/api/v1/organisations/:id', { schema: { tags, params: S.IdParams, querystring: S.LangQuery, response: { 200: S.OrganisationDetailSchema, ...errors } } }, async (req) =>
    svc.getOrganisation(db, requirePrincipal(req), req.params.id),
  );

  app.get('/api/v1/organisations/:id/rollup', { schema: { tags, params: S.IdParams, querystring: S.RollupQuery, response: { 200: S.RollupSchema, ...errors } } }, async (req) =>
    svc.rollup(db, requirePrincipal(req), req.params.id, req.query.year ?? null),
  );

  app.get('/api/v1/organisations/:id/rollup/series', { schema: { tags, params: S.IdParams, querystring: S.SeriesQuery, response: { 200: S.RollupSeriesSchema, ...errors } } }, async (req) => {
    const to = req.query.to ?? new Date().getUTCFullYear() - 1;
    const from = Math.max(req.query.from ?? to - 9, to - 100);
    return { items: await svc.rollupSeries(db, requirePrincipal(req), req.params.id, Math.min(from, to), to) };
  });

  app.get('/api/v1/cooperatives', { schema: { tags, querystring: S.CooperativeListQuerySchema, response: { 200: S.CooperativeListSchema, ...errors } } }, async (req) =>
    svc.listCooperatives(db, requirePrincipal(req), req.query),
  );

  app.post('/api/v1/cooperatives', { schema: { tags, body: S.CooperativeInputSchema, response: { 201: S.CooperativeViewSchema, ...errors } } }, async (req, reply) => {
    reply.code(201);
    return svc.createCooperative(db, actor(req), req.body);
  });

  app.get('/api/v1/cooperatives/:id', { schema: { tags, params: S.IdParams, querystring: S.LangQuery, response: { 200: S.CooperativeViewSchema, ...errors } } }, async (req) =>
    svc.getCooperative(db, requirePrincipal(req), req.params.id),
  );

  app.patch('/api/v1/cooperatives/:id', { schema: { tags, params: S.IdParams, body: S.CooperativePatchSchema, response: { 200: S.CooperativeViewSchema, ...errors } } }, async (req) =>
    svc.updateCooperative(db, actor(req), req.params.id, req.body as never),
  );

  app.get('/api/v1/cooperatives/:id/members', { schema: { tags, params: S.IdParams, querystring: S.MemberListQuerySchema, response: { 200: S.MemberListSchema, ...errors } } }, async (req) =>
    svc.listMembers(db, requirePrincipal(req), req.params.id, req.query),
  );

  app.post('/api/v1/cooperatives/:id/members', { schema: { tags, params: S.IdParams, body: S.AdmitInputSchema, response: { 201: S.MemberRowSchema, ...errors } } }, async (req, reply) => {
    reply.code(201);
    return svc.admitMember(db, actor(req), req.params.id, req.body);
  });

  app.get('/api/v1/memberships/:id', { schema: { tags, params: S.IdParams, querystring: S.LangQuery, response: { 200: S.MemberRowSchema, ...errors } } }, async (req) =>
    svc.getMembership(db, requirePrincipal(req), req.params.id),
  );

  app.patch('/api/v1/memberships/:id', { schema: { tags, params: S.IdParams, body: S.MembershipPatchSchema, response: { 200: S.MemberRowSchema, ...errors } } }, async (req) =>
    svc.updateMembership(db, actor(req), req.params.id, req.body),
  );

  app.post('/api/v1/memberships/:id/exit', { schema: { tags, params: S.IdParams, body: S.ExitInputSchema, response: { 200: S.MemberRowSchema, ...errors } } }, async (req) =>
    svc.exitMembership(db, actor(req), req.params.id, req.body),
  );

  app.get('/api/v1/me/memberships', { schema: { tags, querystring: S.LangQuery, response: { 200: S.MyMembershipsSchema, ...errors } } }, async (req) =>
    svc.myMemberships(db, requirePrincipal(req)),
  );

  app.get('/api/v1/cooperatives/:id/yearly-figures', { schema: { tags, params: S.IdParams, querystring: S.LangQuery, response: { 200: Type.Object({ items: Type.Array(S.YearlyFiguresSchema) }), ...errors } } }, async (req) => ({
    items: await svc.listYearlyFigures(db, requirePrincipal(req), req.params.id),
  }));

  app.put('/api/v1/cooperatives/:id/yearly-figures/:year', { schema: { tags, params: S.YearParams, body: S.YearlyFiguresInputSchema, response: { 200: S.YearlyFiguresSchema, ...errors } } }, async (req) =>
    svc.putYearlyFigures(db, actor(req), req.params.id, req.params.year, req.body),
  );
}
