// Incubator HTTP routes: thin — schemas (validation + OpenAPI) and a call into the service. The public routes need
// no sign-in and are rate-limited per address.
import type { FastifyRequest } from 'fastify';
import type { App } from '../../core/http.ts';
import { problemSchema, publicLimit, requirePrincipal } from '../../core/http.ts';
import type { Database } from '../../core/db.ts';
import * as S from './schemas.ts';
import { kindsWithFigures, selfAssessment } from './service.ts';
import { addFounder, createProject, getProject, listProjects, moveStage, setChecklistItem, type Actor } from './services/projects.ts';

const tags = ['incubator'];
const errors = { 400: problemSchema, 429: problemSchema };
const projectErrors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const actor = (req: FastifyRequest): Actor => ({ principal: requirePrincipal(req), requestId: req.id });

export function registerIncubatorRoutes(app: App, database: Database): void {
  app.post('/api/v1/incubator/assessment', {
    config: publicLimit(60),
    schema: {
      tags,
      summary: 'Self-assessment of a founding group: the co-op kind(s) that fit and the legal rules, each with its article (public)',
      querystring: S.LangQuery,
      body: S.AnswersSchema,
      response: { 200: S.AssessmentSchema, ...errors },
    },
  }, async (req) => selfAssessment(req.body));

  app.get('/api/v1/incubator/kinds', {
    config: publicLimit(60),
    schema: {
      tags,
      summary: 'Each kind of co-op with its explanation and the registry’s figures: active co-ops by province, co-ops born through the incubator (public)',
      querystring: S.LangQuery,
      response: { 200: S.KindsSchema, ...errors },
    },
  }, async () => kindsWithFigures(database.db));

  // Projects: signed in; the team, its association's staff and platform administrators see a project, the team runs it.
  app.post('/api/v1/incubator/projects', {
    schema: { tags, summary: 'Open a project: the signed-in account becomes its lead founder', body: S.ProjectInputSchema, response: { 201: S.ProjectSchema, ...projectErrors } },
  }, async (req, reply) => {
    reply.code(201);
    return createProject(database.db, actor(req), req.body);
  });

  app.get('/api/v1/incubator/projects', {
    schema: { tags, summary: 'The projects the signed-in account may see (its own; for association staff, those of their associations)', querystring: S.LangQuery, response: { 200: S.ProjectListSchema, ...projectErrors } },
  }, async (req) => listProjects(database.db, requirePrincipal(req)));

  app.get('/api/v1/incubator/projects/:id', {
    schema: { tags, summary: 'A project with its team, stages and checklists, and its eligibility re-assessed now', params: S.ProjectParams, querystring: S.LangQuery, response: { 200: S.ProjectSchema, ...projectErrors } },
  }, async (req) => getProject(database.db, requirePrincipal(req), req.params.id));

  app.post('/api/v1/incubator/projects/:id/founders', {
    schema: { tags, summary: 'Add a co-founder by the e-mail of their account (team only)', params: S.ProjectParams, body: S.FounderInputSchema, response: { 201: S.ProjectSchema, ...projectErrors } },
  }, async (req, reply) => {
    reply.code(201);
    return addFounder(database.db, actor(req), req.params.id, req.body.email);
  });

  app.put('/api/v1/incubator/projects/:id/checklist/:stage/:item', {
    schema: { tags, summary: 'Tick or untick a checklist item of the current or an earlier stage (team only)', params: S.ChecklistParams, body: S.ChecklistInputSchema, response: { 200: S.ProjectSchema, ...projectErrors } },
  }, async (req) => setChecklistItem(database.db, actor(req), req.params.id, req.params.stage, req.params.item, req.body.done));

  app.post('/api/v1/incubator/projects/:id/stage', {
    schema: { tags, summary: 'Move to the next stage: the current checklist complete and, from the founding deed on, the group eligible (team only)', params: S.ProjectParams, body: S.StageInputSchema, response: { 200: S.ProjectSchema, ...projectErrors } },
  }, async (req) => moveStage(database.db, actor(req), req.params.id, req.body.stage));
}
