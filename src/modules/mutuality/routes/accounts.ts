// Routes of the year's figures: settings and rule sets, financial-statement lines, prevalence, quality weights.
import type { App } from '../../../core/http.ts';
import { requirePrincipal } from '../../../core/http.ts';
import type { Database } from '../../../core/db.ts';
import * as S from '../schemas.ts';
import { getSettings, listRuleSets, putSettings } from '../services/settings.ts';
import { getWeights, listStatementLines, prevalenceFor, prevalenceHistory, putStatementLines, putWeights } from '../services/accounts.ts';
import { actor, errors, tags } from './common.ts';

export function registerAccountRoutes(app: App, database: Database): void {
  const db = database.db;

  app.get('/api/v1/mutuality/rule-sets', {
    schema: { tags, summary: 'The jurisdictions’ rule sets for ristorni (Italy, United States) with their forms and legal basis', querystring: S.LangQuery, response: { 200: S.RuleSetsSchema, ...errors } },
  }, async (req) => {
    requirePrincipal(req);
    return listRuleSets();
  });

  app.get('/api/v1/cooperatives/:id/mutuality-settings', {
    schema: { tags, params: S.CoopParams, querystring: S.LangQuery, response: { 200: S.SettingsSchema, ...errors } },
  }, async (req) => getSettings(db, requirePrincipal(req), req.params.id));

  app.put('/api/v1/cooperatives/:id/mutuality-settings', {
    schema: { tags, summary: 'Choose the rule set and the per-member capital cap (null = the statutory one)', params: S.CoopParams, body: S.SettingsInputSchema, response: { 200: S.SettingsSchema, ...errors } },
  }, async (req) => putSettings(db, actor(req), req.params.id, req.body));

  app.get('/api/v1/cooperatives/:id/financial-statements', {
    schema: { tags, summary: 'Financial-statement lines by year, split members/others', params: S.CoopParams, querystring: S.LangQuery, response: { 200: S.StatementLinesListSchema, ...errors } },
  }, async (req) => listStatementLines(db, requirePrincipal(req), req.params.id));

  app.put('/api/v1/cooperatives/:id/financial-statements/:year', {
    schema: { tags, summary: 'Replace the year’s lines (A1, B6, B7, B9; members and others in cents)', params: S.CoopYearParams, body: S.StatementLinesInputSchema, response: { 200: S.StatementLinesSchema, ...errors } },
  }, async (req) => putStatementLines(db, actor(req), req.params.id, req.params.year, req.body));

  app.get('/api/v1/cooperatives/:id/prevalence', {
    schema: { tags, summary: 'Prevailing mutuality (art. 2512-2513 c.c.) for every year with lines', params: S.CoopParams, querystring: S.LangQuery, response: { 200: S.PrevalenceListSchema, ...errors } },
  }, async (req) => prevalenceHistory(db, requirePrincipal(req), req.params.id));

  app.get('/api/v1/cooperatives/:id/prevalence/:year', {
    schema: { tags, summary: 'Prevailing mutuality of a year: per line, weighted, pass/fail, explained, two-year warning', params: S.CoopYearParams, querystring: S.LangQuery, response: { 200: S.PrevalenceSchema, ...errors } },
  }, async (req) => prevalenceFor(db, requirePrincipal(req), req.params.id, req.params.year));

  app.get('/api/v1/cooperatives/:id/quality-weights/:year', {
    schema: { tags, params: S.CoopYearParams, querystring: S.LangQuery, response: { 200: S.WeightsSchema, ...errors } },
  }, async (req) => getWeights(db, requirePrincipal(req), req.params.id, req.params.year));

  app.put('/api/v1/cooperatives/:id/quality-weights/:year', {
    schema: { tags, summary: 'The board’s quality weights per kind and grade (10000 = 1.0)', params: S.CoopYearParams, body: S.WeightsInputSchema, response: { 200: S.WeightsSchema, ...errors } },
  }, async (req) => putWeights(db, actor(req), req.params.id, req.params.year, req.body));
}
