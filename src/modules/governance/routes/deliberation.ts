// Routes of deliberation: discussion per agenda item, amendments, consultative polls.
import Type from 'typebox';
import type { App } from '../../../core/http.ts';
import { requirePrincipal } from '../../../core/http.ts';
import type { Database } from '../../../core/db.ts';
import * as svc from '../service.ts';
import * as S from '../types.ts';
import type { PollResponse } from '../domain/polls.ts';
import { actorOf, problems, tags } from './shared.ts';

export function registerDeliberationRoutes(app: App, database: Database): void {
  const db = database.db;
  app.get('/api/v1/assembly-items/:id/comments', { schema: { tags, params: S.IdParams, querystring: S.LangQuery, response: { 200: Type.Object({ items: Type.Array(S.CommentSchema) }), ...problems } } }, async (req) => ({
    items: await svc.listComments(db, requirePrincipal(req), req.params.id),
  }));
  app.post('/api/v1/assembly-items/:id/comments', { schema: { tags, params: S.IdParams, body: S.CommentInputSchema, response: { 201: S.CommentSchema, ...problems } } }, async (req, reply) => {
    reply.code(201);
    return svc.addComment(db, actorOf(req), req.params.id, req.body);
  });
  app.get('/api/v1/assembly-items/:id/amendments', { schema: { tags, params: S.IdParams, querystring: S.LangQuery, response: { 200: Type.Object({ items: Type.Array(S.AmendmentSchema) }), ...problems } } }, async (req) => ({
    items: await svc.listAmendments(db, requirePrincipal(req), req.params.id),
  }));
  app.post('/api/v1/assembly-items/:id/amendments', { schema: { tags, summary: 'Propose a new text of the motion', params: S.IdParams, body: S.AmendmentInputSchema, response: { 201: S.AmendmentSchema, ...problems } } }, async (req, reply) => {
    reply.code(201);
    return svc.proposeAmendment(db, actorOf(req), req.params.id, req.body);
  });
  app.post('/api/v1/amendments/:id/decision', { schema: { tags, summary: 'The motion’s proposer accepts (the text becomes the motion) or rejects it', params: S.IdParams, body: S.DecisionSchema, response: { 200: S.AmendmentSchema, ...problems } } }, async (req) =>
    svc.decideAmendment(db, actorOf(req), req.params.id, req.body.decision),
  );
  app.get('/api/v1/assemblies/:id/polls', { schema: { tags, params: S.IdParams, querystring: S.LangQuery, response: { 200: Type.Object({ items: Type.Array(S.PollSchema) }), ...problems } } }, async (req) => ({
    items: await svc.listPolls(db, requirePrincipal(req), req.params.id),
  }));
  app.post('/api/v1/assemblies/:id/polls', { schema: { tags, summary: 'A consultative poll: single, multiple, score, ranked or meeting time', params: S.IdParams, body: S.PollInputSchema, response: { 201: S.PollSchema, ...problems } } }, async (req, reply) => {
    reply.code(201);
    return svc.createPoll(db, actorOf(req), req.params.id, req.body as svc.PollInput);
  });
  app.get('/api/v1/polls/:id', { schema: { tags, params: S.IdParams, querystring: S.LangQuery, response: { 200: S.PollSchema, ...problems } } }, async (req) =>
    svc.getPoll(db, requirePrincipal(req), req.params.id),
  );
  app.put('/api/v1/polls/:id/response', { schema: { tags, summary: 'My response (replaces the previous one while the poll is open)', params: S.IdParams, body: S.PollResponseSchema, response: { 200: S.PollSchema, ...problems } } }, async (req) =>
    svc.respondPoll(db, actorOf(req), req.params.id, req.body as PollResponse),
  );
  app.post('/api/v1/polls/:id/close', { schema: { tags, params: S.IdParams, response: { 200: S.PollSchema, ...problems } } }, async (req) =>
    svc.closePoll(db, actorOf(req), req.params.id),
  );
}
