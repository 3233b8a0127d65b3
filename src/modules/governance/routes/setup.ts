// Routes of a co-op's governance setup: statute parameters, officers, sections.
import Type from 'typebox';
import type { App } from '../../../core/http.ts';
import { requirePrincipal } from '../../../core/http.ts';
import type { Database } from '../../../core/db.ts';
import * as svc from '../service.ts';
import * as S from '../types.ts';
import { actorOf, problems, tags } from './shared.ts';
import type { StatuteParams } from '../domain/statute.ts';

export function registerSetupRoutes(app: App, database: Database): void {
  const db = database.db;
  app.get('/api/v1/governance/rules', { schema: { tags, summary: 'The Codice civile rules applied, each with its source', response: { 200: S.LegalRulesSchema } } }, async () => svc.legalRules());

  app.get('/api/v1/cooperatives/:id/governance/statute', { schema: { tags, summary: 'Statute parameters in force (version 0: the Codice civile defaults)', params: S.IdParams, querystring: S.LangQuery, response: { 200: S.StatuteViewSchema, ...problems } } }, async (req) =>
    svc.getStatute(db, requirePrincipal(req), req.params.id),
  );
  app.get('/api/v1/cooperatives/:id/governance/statute/versions', { schema: { tags, params: S.IdParams, querystring: S.LangQuery, response: { 200: Type.Object({ items: Type.Array(S.StatuteViewSchema) }), ...problems } } }, async (req) => ({
    items: await svc.listStatuteVersions(db, requirePrincipal(req), req.params.id),
  }));
  app.put('/api/v1/cooperatives/:id/governance/statute', { schema: { tags, summary: 'Record a new version of the statute parameters (may only tighten the law)', params: S.IdParams, body: S.StatuteInputSchema, response: { 200: S.StatuteViewSchema, ...problems } } }, async (req) =>
    svc.putStatute(db, actorOf(req), req.params.id, req.body.params as StatuteParams, req.body.note ?? null),
  );

  app.get('/api/v1/cooperatives/:id/governance/officers', { schema: { tags, params: S.IdParams, querystring: S.LangQuery, response: { 200: Type.Object({ items: Type.Array(S.OfficerViewSchema) }), ...problems } } }, async (req) => ({
    items: await svc.listOfficers(db, requirePrincipal(req), req.params.id),
  }));
  app.post('/api/v1/cooperatives/:id/governance/officers', { schema: { tags, summary: 'Record a director, auditor or employee (never a proxy holder)', params: S.IdParams, body: S.OfficerInputSchema, response: { 201: S.OfficerViewSchema, ...problems } } }, async (req, reply) => {
    reply.code(201);
    return svc.addOfficer(db, actorOf(req), req.params.id, req.body);
  });
  app.post('/api/v1/governance/officers/:id/end', { schema: { tags, params: S.IdParams, body: S.OfficerEndSchema, response: { 200: S.OfficerViewSchema, ...problems } } }, async (req) =>
    svc.endOfficer(db, actorOf(req), req.params.id, req.body.until),
  );

  app.get('/api/v1/cooperatives/:id/governance/sections', { schema: { tags, params: S.IdParams, querystring: S.LangQuery, response: { 200: Type.Object({ items: Type.Array(S.SectionViewSchema) }), ...problems } } }, async (req) => ({
    items: await svc.listSections(db, requirePrincipal(req), req.params.id),
  }));
  app.post('/api/v1/cooperatives/:id/governance/sections', { schema: { tags, params: S.IdParams, body: S.SectionInputSchema, response: { 201: S.SectionViewSchema, ...problems } } }, async (req, reply) => {
    reply.code(201);
    return svc.createSection(db, actorOf(req), req.params.id, req.body.name);
  });
  app.post('/api/v1/governance/sections/:id/members', { schema: { tags, summary: 'Put members in the section (moving them from any other)', params: S.IdParams, body: S.SectionMembersInputSchema, response: { 200: S.SectionViewSchema, ...problems } } }, async (req) =>
    svc.assignSectionMembers(db, actorOf(req), req.params.id, req.body.personIds),
  );
  app.get('/api/v1/governance/sections/:id/members', { schema: { tags, params: S.IdParams, querystring: S.LangQuery, response: { 200: Type.Object({ items: Type.Array(Type.Object({ personId: Type.String(), name: Type.String() })) }), ...problems } } }, async (req) => ({
    items: await svc.listSectionMembers(db, requirePrincipal(req), req.params.id),
  }));
}
