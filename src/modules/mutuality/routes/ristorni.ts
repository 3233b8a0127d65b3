// Routes of the ristorni year-end: runs and their workflow, allocations, members' statements (JSON and PDF).
import type { App } from '../../../core/http.ts';
import { requirePrincipal } from '../../../core/http.ts';
import type { Database } from '../../../core/db.ts';
import * as S from '../schemas.ts';
import { approveRun, approvingResolutions, createRun, deleteRun, getRun, listRuns, payRun, reopenRun, updateRun } from '../services/runs.ts';
import { computeRun } from '../services/compute.ts';
import { getStatement, listAllocations, myRistorni, myStatement, type Statement } from '../services/statements.ts';
import { statementPdf } from '../pdf/statement-pdf.ts';
import { actor, errors, pdfResponse, sendFile, tags } from './common.ts';

const pdfName = (s: Statement, lang: 'it' | 'en') => `${lang === 'it' ? 'ristorni' : 'ristorni-statement'}-${s.year}-${s.member.registerNumber}.pdf`;

export function registerRistorniRoutes(app: App, database: Database): void {
  const db = database.db;

  app.post('/api/v1/cooperatives/:id/ristorni', {
    schema: { tags, summary: 'Start the year’s ristorni (a draft run with the board’s inputs)', params: S.CoopParams, body: S.RunCreateSchema, response: { 201: S.RunSchema, ...errors } },
  }, async (req, reply) => {
    reply.code(201);
    return createRun(db, actor(req), req.params.id, req.body);
  });

  app.get('/api/v1/cooperatives/:id/ristorni', {
    schema: { tags, params: S.CoopParams, querystring: S.LangQuery, response: { 200: S.RunListSchema, ...errors } },
  }, async (req) => listRuns(db, requirePrincipal(req), req.params.id));

  app.get('/api/v1/ristorni/:runId', {
    schema: { tags, summary: 'A run with its inputs, frozen figures (ceiling, pools, profit allocation, explanations) and approval', params: S.RunParams, querystring: S.LangQuery, response: { 200: S.RunSchema, ...errors } },
  }, async (req) => getRun(db, requirePrincipal(req), req.params.runId));

  app.patch('/api/v1/ristorni/:runId', {
    schema: { tags, summary: 'Change a draft’s inputs', params: S.RunParams, body: S.RunPatchSchema, response: { 200: S.RunSchema, ...errors } },
  }, async (req) => updateRun(db, actor(req), req.params.runId, req.body));

  app.delete('/api/v1/ristorni/:runId', {
    schema: { tags, summary: 'Delete a draft', params: S.RunParams, response: { 204: { type: 'null', description: 'deleted' }, ...errors } },
  }, async (req, reply) => {
    await deleteRun(db, actor(req), req.params.runId);
    return reply.code(204).send(null);
  });

  app.post('/api/v1/ristorni/:runId/compute', {
    schema: { tags, summary: 'Compute the draft: ceiling, pools, every member’s allocation; figures frozen (status computed)', params: S.RunParams, response: { 200: S.RunSchema, ...errors } },
  }, async (req) => computeRun(database, actor(req), req.params.runId));

  app.post('/api/v1/ristorni/:runId/reopen', {
    schema: { tags, summary: 'Back to draft before approval', params: S.RunParams, response: { 200: S.RunSchema, ...errors } },
  }, async (req) => reopenRun(db, actor(req), req.params.runId));

  app.get('/api/v1/ristorni/:runId/resolutions', {
    schema: { tags, summary: 'Resolutions the co-op’s general assemblies passed after the year end, to link as the approval', params: S.RunParams, response: { 200: S.PassedResolutionListSchema, ...errors } },
  }, async (req) => approvingResolutions(db, requirePrincipal(req), req.params.runId));

  app.post('/api/v1/ristorni/:runId/approval', {
    schema: {
      tags,
      summary: 'Record the assembly resolution approving the ristorni: a link to a resolution passed in the governance module, or date, kind, votes and text of one held elsewhere',
      params: S.RunParams,
      body: S.ApprovalInputSchema,
      response: { 200: S.RunSchema, ...errors },
    },
  }, async (req) => approveRun(db, actor(req), req.params.runId, req.body));

  app.post('/api/v1/ristorni/:runId/payment', {
    schema: { tags, summary: 'Pay approved ristorni; capital increases become share-capital movements (refused before approval)', params: S.RunParams, body: S.PaymentInputSchema, response: { 200: S.RunSchema, ...errors } },
  }, async (req) => payRun(db, actor(req), req.params.runId, req.body.paidOn));

  app.get('/api/v1/ristorni/:runId/allocations', {
    schema: { tags, summary: 'Every member’s allocation (co-op administrators)', params: S.RunParams, querystring: S.AllocationListQuerySchema, response: { 200: S.AllocationListSchema, ...errors } },
  }, async (req) => listAllocations(db, requirePrincipal(req), req.params.runId, req.query));

  app.get('/api/v1/ristorni/:runId/statements/:membershipId', {
    schema: { tags, summary: 'A member’s statement: every figure and the formula in words (the member, the co-op’s administrators)', params: S.RunMemberParams, querystring: S.LangQuery, response: { 200: S.StatementSchema, ...errors } },
  }, async (req) => getStatement(db, requirePrincipal(req), req.params.runId, req.params.membershipId));

  app.get('/api/v1/ristorni/:runId/statements/:membershipId/pdf', {
    schema: { tags, summary: 'A member’s statement as PDF (language from ?lang= or Accept-Language)', params: S.RunMemberParams, querystring: S.LangQuery, response: pdfResponse },
  }, async (req, reply) => {
    const s = await getStatement(db, requirePrincipal(req), req.params.runId, req.params.membershipId);
    return sendFile(reply, 'application/pdf', pdfName(s, req.locale), await statementPdf(s, req.locale));
  });

  app.get('/api/v1/me/ristorni', {
    schema: { tags, summary: 'The signed-in member’s ristorni, one per computed run', querystring: S.LangQuery, response: { 200: S.MyRistorniSchema, ...errors } },
  }, async (req) => myRistorni(db, requirePrincipal(req)));

  app.get('/api/v1/me/ristorni/:runId', {
    schema: { tags, summary: 'The signed-in member’s statement in a run', params: S.RunParams, querystring: S.LangQuery, response: { 200: S.StatementSchema, ...errors } },
  }, async (req) => myStatement(db, requirePrincipal(req), req.params.runId));

  app.get('/api/v1/me/ristorni/:runId/pdf', {
    schema: { tags, summary: 'The signed-in member’s statement as PDF', params: S.RunParams, querystring: S.LangQuery, response: pdfResponse },
  }, async (req, reply) => {
    const s = await myStatement(db, requirePrincipal(req), req.params.runId);
    return sendFile(reply, 'application/pdf', pdfName(s, req.locale), await statementPdf(s, req.locale));
  });
}
