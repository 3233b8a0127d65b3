// Routes of the share-capital ledger: movements, balances, opening balances, certificates, reconciliation.
import type { App } from '../../../core/http.ts';
import { requirePrincipal } from '../../../core/http.ts';
import type { Database } from '../../../core/db.ts';
import * as S from '../schemas.ts';
import { listCapital, membershipCapital, myCapital, openingBalances, reconciliation, recordMovement } from '../services/share-capital.ts';
import { findCoop, membershipForReading } from '../services/access.ts';
import { settingsOf } from '../services/settings.ts';
import { certificatePdf } from '../pdf/certificate-pdf.ts';
import { actor, errors, pdfResponse, sendFile, tags } from './common.ts';

export function registerCapitalRoutes(app: App, database: Database): void {
  const db = database.db;

  app.get('/api/v1/cooperatives/:id/share-capital', {
    schema: { tags, summary: 'Share-capital balances of the co-op’s memberships', params: S.CoopParams, querystring: S.CapitalListQuerySchema, response: { 200: S.CapitalListSchema, ...errors } },
  }, async (req) => listCapital(db, requirePrincipal(req), req.params.id, req.query));

  app.post('/api/v1/cooperatives/:id/share-capital/movements', {
    schema: {
      tags,
      summary: 'Record a subscription, a payment (instalment), a transfer or a redemption on exit',
      params: S.CoopParams,
      body: S.MovementInputSchema,
      response: { 201: S.MovementResultSchema, ...errors },
    },
  }, async (req, reply) => {
    reply.code(201);
    return recordMovement(db, actor(req), req.params.id, req.body);
  });

  app.post('/api/v1/cooperatives/:id/share-capital/opening-balances', {
    schema: { tags, summary: 'Open the ledger from the register’s share columns for memberships without movements', params: S.CoopParams, body: S.OpeningInputSchema, response: { 200: S.OpeningResultSchema, ...errors } },
  }, async (req) => openingBalances(db, actor(req), req.params.id, req.body.occurredOn));

  app.get('/api/v1/cooperatives/:id/share-capital/reconciliation', {
    schema: { tags, summary: 'The ledger against the registry’s yearly figures and the memberships’ shares', params: S.CoopParams, querystring: S.ReconciliationQuerySchema, response: { 200: S.ReconciliationSchema, ...errors } },
  }, async (req) => reconciliation(db, requirePrincipal(req), req.params.id, req.query.year));

  app.get('/api/v1/memberships/:id/share-capital', {
    schema: { tags, summary: 'A membership’s share-capital balance and movements', params: S.MembershipParams, querystring: S.LangQuery, response: { 200: S.MembershipCapitalSchema, ...errors } },
  }, async (req) => membershipCapital(db, requirePrincipal(req), req.params.id));

  app.get('/api/v1/memberships/:id/share-certificate', {
    schema: { tags, summary: 'The member’s share certificate (PDF): the member and the co-op’s administrators', params: S.MembershipParams, querystring: S.LangQuery, response: pdfResponse },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const m = await membershipForReading(db, p, req.params.id, { staff: false });
    const capital = await membershipCapital(db, p, m.id);
    const coop = await findCoop(db, m.cooperativeId);
    const { rs } = await settingsOf(db, m.cooperativeId);
    const pdf = await certificatePdf(
      capital,
      { name: coop?.name ?? '', codiceFiscale: coop?.codiceFiscale ?? '', alboNumber: coop?.alboNumber ?? null, comune: coop?.comune ?? null, ruleSet: rs.id, currency: rs.currency },
      m.admittedOn,
      req.locale,
    );
    return sendFile(reply, 'application/pdf', `${req.locale === 'it' ? 'certificato-quote' : 'share-certificate'}-${m.registerNumber}.pdf`, pdf);
  });

  app.get('/api/v1/me/share-capital', {
    schema: { tags, summary: 'The signed-in member’s share capital in each co-op', querystring: S.LangQuery, response: { 200: S.MyCapitalSchema, ...errors } },
  }, async (req) => myCapital(db, requirePrincipal(req)));
}
