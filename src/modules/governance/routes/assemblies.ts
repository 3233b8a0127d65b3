// Routes of assemblies: drafting, convocation, sessions, the roll, notices and receipts, documents, minutes.
import Type from 'typebox';
import multipart from '@fastify/multipart';
import type { App } from '../../../core/http.ts';
import { requirePrincipal, problemSchema } from '../../../core/http.ts';
import type { Database } from '../../../core/db.ts';
import type { Config } from '../../../core/config.ts';
import { ProblemError, invalidField, notFound } from '../../../core/errors.ts';
import { t } from '../../../core/i18n.ts';
import * as svc from '../service.ts';
import * as S from '../types.ts';
import { loadAssembly } from '../services/access.ts';
import { actorOf, problems, tags } from './shared.ts';

const attachment = (name: string) => `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function registerAssemblyRoutes(app: App, database: Database, config: Config): void {
  const db = database.db;

  app.get('/api/v1/cooperatives/:id/assemblies', { schema: { tags, params: S.IdParams, querystring: S.LangQuery, response: { 200: S.AssemblyListSchema, ...problems } } }, async (req) => ({
    items: await svc.listAssemblies(db, requirePrincipal(req), req.params.id),
  }));
  app.get('/api/v1/me/assemblies', { schema: { tags, summary: 'Assemblies of the co-ops I am a member of', querystring: S.LangQuery, response: { 200: S.AssemblyListSchema, ...problems } } }, async (req) => ({
    items: await svc.myAssemblies(db, requirePrincipal(req)),
  }));
  app.post('/api/v1/cooperatives/:id/assemblies', { schema: { tags, summary: 'Draft an assembly with its agenda (convene it next)', params: S.IdParams, body: S.AssemblyInputSchema, response: { 201: S.AssemblyDetailSchema, ...problems } } }, async (req, reply) => {
    const id = await svc.createAssembly(db, actorOf(req), req.params.id, req.body as svc.AssemblyInput, { publicUrl: config.publicUrl, mail: config.smtpUrl ? 'smtp' : 'outbox' });
    reply.code(201);
    return svc.getAssembly(db, requirePrincipal(req), id, req.locale);
  });
  app.get('/api/v1/assemblies/:id', { schema: { tags, params: S.IdParams, querystring: S.LangQuery, response: { 200: S.AssemblyDetailSchema, ...problems } } }, async (req) =>
    svc.getAssembly(db, requirePrincipal(req), req.params.id, req.locale),
  );
  app.patch('/api/v1/assemblies/:id', { schema: { tags, summary: 'Change a draft', params: S.IdParams, body: S.AssemblyPatchSchema, response: { 200: S.AssemblyDetailSchema, ...problems } } }, async (req) => {
    await svc.updateAssembly(db, actorOf(req), req.params.id, req.body as svc.AssemblyPatch);
    return svc.getAssembly(db, requirePrincipal(req), req.params.id, req.locale);
  });
  app.delete('/api/v1/assemblies/:id', { schema: { tags, summary: 'Delete a draft', params: S.IdParams, response: { 204: Type.Null(), ...problems } } }, async (req, reply) => {
    await svc.deleteDraft(db, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });
  app.post('/api/v1/assemblies/:id/items', { schema: { tags, summary: 'Add an agenda item (draft only)', params: S.IdParams, body: S.ItemInputSchema, response: { 201: S.AssemblyDetailSchema, ...problems } } }, async (req, reply) => {
    await svc.addItem(db, actorOf(req), req.params.id, req.body as svc.ItemInput, { publicUrl: config.publicUrl, mail: config.smtpUrl ? 'smtp' : 'outbox' });
    reply.code(201);
    return svc.getAssembly(db, requirePrincipal(req), req.params.id, req.locale);
  });
  app.delete('/api/v1/assembly-items/:id', { schema: { tags, params: S.IdParams, response: { 204: Type.Null(), ...problems } } }, async (req, reply) => {
    await svc.deleteItem(db, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });
  app.put('/api/v1/ballots/:id/candidates', { schema: { tags, summary: 'Set the candidates of an election (until it opens)', params: S.IdParams, body: S.CandidatesInputSchema, response: { 200: S.BallotViewSchema, ...problems } } }, async (req) => {
    await svc.setCandidates(db, actorOf(req), req.params.id, req.body.candidates);
    return svc.ballotById(db, requirePrincipal(req), req.params.id, req.locale);
  });
  app.post('/api/v1/assemblies/:id/sectional-meetings', { schema: { tags, summary: 'Plan a sectional meeting (art. 2540) of a draft general assembly', params: S.IdParams, body: S.SectionalMeetingInputSchema, response: { 201: S.CreatedSchema, ...problems } } }, async (req, reply) => {
    reply.code(201);
    return { id: await svc.addSectionalMeeting(db, actorOf(req), req.params.id, req.body) };
  });

  app.post('/api/v1/assemblies/:id/convene', { schema: { tags, summary: 'Convene: statute snapshot, roll at the record date, notices in the app and by e-mail', params: S.IdParams, querystring: S.LangQuery, response: { 200: S.ConveneResultSchema, ...problems } } }, async (req) =>
    svc.convene(db, actorOf(req), req.params.id, config.publicUrl, config.smtpUrl ? 'smtp' : 'outbox'),
  );
  app.post('/api/v1/assemblies/:id/cancel', { schema: { tags, params: S.IdParams, response: { 200: S.AssemblyDetailSchema, ...problems } } }, async (req) => {
    await svc.cancelAssembly(db, actorOf(req), req.params.id);
    return svc.getAssembly(db, requirePrincipal(req), req.params.id, req.locale);
  });
  app.post('/api/v1/assemblies/:id/open', { schema: { tags, summary: 'Open the session at the first or second call (the attendance quorum of that call must be met)', params: S.IdParams, body: S.OpenSessionSchema, response: { 200: S.OpeningSchema, ...problems } } }, async (req) =>
    svc.openSession(db, actorOf(req), req.params.id, req.body.call, req.locale),
  );
  app.post('/api/v1/assemblies/:id/close', { schema: { tags, summary: 'Close the session and seal the minutes', params: S.IdParams, response: { 200: Type.Object({ sha256: Type.String() }), ...problems } } }, async (req) =>
    svc.closeSession(db, actorOf(req), req.params.id),
  );

  app.get('/api/v1/assemblies/:id/roll', { schema: { tags, summary: 'The electoral roll with weights and reasons (administrators, staff)', params: S.IdParams, querystring: S.RollQuerySchema, response: { 200: S.RollPageSchema, ...problems } } }, async (req) =>
    svc.listRoll(db, requirePrincipal(req), req.params.id, req.query, req.locale),
  );
  app.get('/api/v1/assemblies/:id/roll/me', { schema: { tags, summary: 'My roll entry, explained', params: S.IdParams, querystring: S.LangQuery, response: { 200: S.RollEntryResponseSchema, ...problems } } }, async (req) => {
    const p = requirePrincipal(req);
    if (!p.personId) {
      await loadAssembly(db, p, req.params.id);
      return { onRoll: false, entry: null, explanation: [t(req.locale, 'governance.roll.not-on-roll')] };
    }
    return svc.getRollEntry(db, p, req.params.id, p.personId, req.locale);
  });
  app.get('/api/v1/assemblies/:id/roll/:personId', { schema: { tags, params: S.PersonParams, querystring: S.LangQuery, response: { 200: S.RollEntryResponseSchema, ...problems } } }, async (req) =>
    svc.getRollEntry(db, requirePrincipal(req), req.params.id, req.params.personId, req.locale),
  );
  app.post('/api/v1/assemblies/:id/roll/recompute', { schema: { tags, summary: 'Take the roll again from the register (before the session opens)', params: S.IdParams, response: { 200: S.RecomputeResultSchema, ...problems } } }, async (req) =>
    svc.recomputeRoll(db, actorOf(req), req.params.id, config.publicUrl, config.smtpUrl ? 'smtp' : 'outbox'),
  );

  app.get('/api/v1/assemblies/:id/notices', { schema: { tags, summary: 'Receipt of the convocation notices', params: S.IdParams, querystring: S.PageQuery, response: { 200: S.NoticeReportSchema, ...problems } } }, async (req) => {
    const a = await loadAssembly(db, requirePrincipal(req), req.params.id);
    return svc.noticeReport(db, requirePrincipal(req), req.params.id, a.access.read, req.query.page ?? 1, req.query.pageSize ?? 100);
  });
  app.get('/api/v1/me/notices', { schema: { tags, summary: 'My convocation notices', querystring: S.LangQuery, response: { 200: Type.Object({ items: Type.Array(S.NoticeViewSchema) }), ...problems } } }, async (req) => ({
    items: await svc.myNotices(db, requirePrincipal(req)),
  }));
  app.post('/api/v1/me/notices/:id/open', { schema: { tags, summary: 'Record that I opened the notice of assembly :id', params: S.IdParams, response: { 200: S.NoticeViewSchema, ...problems } } }, async (req) =>
    svc.markNotice(db, requirePrincipal(req), req.params.id, 'open'),
  );
  app.post('/api/v1/me/notices/:id/acknowledge', { schema: { tags, summary: 'Confirm receipt of the notice of assembly :id', params: S.IdParams, response: { 200: S.NoticeViewSchema, ...problems } } }, async (req) =>
    svc.markNotice(db, requirePrincipal(req), req.params.id, 'acknowledge'),
  );
  app.get('/api/v1/cooperatives/:id/governance/outbox', { schema: { tags, summary: 'E-mails waiting for the mailer (administrators)', params: S.IdParams, querystring: S.PageQuery, response: { 200: S.OutboxSchema, ...problems } } }, async (req) =>
    svc.listOutbox(db, requirePrincipal(req), req.params.id, req.query.page ?? 1, req.query.pageSize ?? 50),
  );
  app.get('/api/v1/governance/receipts/:token', { schema: { tags, summary: 'The receipt link of a convocation e-mail (no sign-in)', params: S.ReceiptParams, querystring: S.LangQuery, response: { 200: { type: 'string' }, 404: problemSchema } } }, async (req, reply) => {
    const r = await svc.receiptByToken(db, req.params.token);
    if (!r) throw notFound('governance.notice.not-found');
    const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    const text = req.locale === 'en' ? `Receipt recorded for the notice of “${esc(r.assemblyTitle)}”.` : `Ricevuta registrata per l’avviso di convocazione «${esc(r.assemblyTitle)}».`;
    return reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="${req.locale}"><meta charset="utf-8"><title>Cooperando</title><p>${text}</p></html>`);
  });

  app.get('/api/v1/assemblies/:id/minutes.pdf', { schema: { tags, summary: 'The minutes (verbale) as sealed at closing; x-content-sha256 carries the published hash', params: S.IdParams, querystring: S.LangQuery, response: { 200: { type: 'string', format: 'binary' }, ...problems } } }, async (req, reply) => {
    await loadAssembly(db, requirePrincipal(req), req.params.id);
    const m = await svc.getMinutes(db, req.params.id);
    if (!m) throw notFound('governance.minutes.not-found');
    return reply.type('application/pdf').header('x-content-sha256', m.sha256).header('content-disposition', attachment(`verbale-${req.params.id}.pdf`)).send(m.pdf as never);
  });
  app.get('/api/v1/governance/minutes/verify/:sha256', { schema: { tags, summary: 'Check a copy of minutes by its SHA-256 (no sign-in)', params: S.MinutesVerifyParams, querystring: S.LangQuery, response: { 200: S.MinutesVerifySchema, 400: problemSchema } } }, async (req) => {
    const r = await svc.verifyMinutes(db, req.params.sha256);
    return r ? { valid: true, ...r } : { valid: false, assemblyId: null, cooperativeName: null, title: null, closedAt: null, generatedAt: null };
  });

  // Documents: multipart only in this scope (other routes keep refusing multipart bodies).
  void app.register(async (scope: App) => {
    await scope.register(multipart, { limits: { fileSize: svc.MAX_DOCUMENT_BYTES, files: 1, fields: 2, parts: 3 } });
    scope.post('/api/v1/assembly-items/:id/documents', { schema: { tags, summary: 'Attach a document to an agenda item (multipart, field «file»)', consumes: ['multipart/form-data'], params: S.IdParams, response: { 201: S.DocumentViewSchema, 413: problemSchema, 415: problemSchema, ...problems } } }, async (req, reply) => {
      const actor = actorOf(req);
      if (!req.isMultipart()) throw new ProblemError(415, 'unsupported-media-type', { fields: [{ field: 'file', code: 'governance.document.file-required' }] });
      const file = await req.file();
      if (!file || file.fieldname !== 'file') throw invalidField('file', 'governance.document.file-required');
      const content = await file.toBuffer();
      if (file.file.truncated) throw new ProblemError(413, 'payload-too-large', { fields: [{ field: 'file', code: 'field.length' }] });
      reply.code(201);
      return svc.addDocument(db, actor, req.params.id, { filename: file.filename, contentType: file.mimetype || 'application/octet-stream', content });
    });
  });
  app.get('/api/v1/assembly-documents/:id', { schema: { tags, params: S.IdParams, querystring: S.LangQuery, response: { 200: { type: 'string', format: 'binary' }, ...problems } } }, async (req, reply) => {
    const d = await svc.getDocument(db, requirePrincipal(req), req.params.id);
    return reply.type(d.contentType).header('content-disposition', attachment(d.filename)).header('x-content-sha256', d.sha256).send(d.content as never);
  });
  app.delete('/api/v1/assembly-documents/:id', { schema: { tags, params: S.IdParams, response: { 204: Type.Null(), ...problems } } }, async (req, reply) => {
    await svc.deleteDocument(db, actorOf(req), req.params.id);
    return reply.code(204).send(null);
  });
}
