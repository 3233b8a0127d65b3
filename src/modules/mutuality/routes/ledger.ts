// Routes of the exchange ledger: record, reverse, list, summarise, import (CSV/XLSX, dry run or commit), template.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { App } from '../../../core/http.ts';
import { problemSchema, requirePrincipal } from '../../../core/http.ts';
import type { Database } from '../../../core/db.ts';
import type { Config } from '../../../core/config.ts';
import { ProblemError, invalidField } from '../../../core/errors.ts';
import * as S from '../schemas.ts';
import { listEntries, listMyEntries, recordEntry, reverseEntry, summary } from '../services/exchanges.ts';
import { coopForManaging } from '../services/access.ts';
import { importExchanges } from '../import/importer.ts';
import { templateCsv } from '../import/columns.ts';
import { actor, errors, sendFile, tags } from './common.ts';

export function registerLedgerRoutes(app: App, database: Database, config: Config): void {
  const db = database.db;

  app.post('/api/v1/cooperatives/:id/exchanges', {
    schema: { tags, summary: 'Record a mutual exchange of a member (co-op administrators)', params: S.CoopParams, body: S.EntryInputSchema, response: { 201: S.EntrySchema, ...errors } },
  }, async (req, reply) => {
    reply.code(201);
    return recordEntry(db, actor(req), req.params.id, req.body);
  });

  app.get('/api/v1/cooperatives/:id/exchanges', {
    schema: { tags, summary: 'The co-op’s exchange ledger (its administrators and association staff in scope)', params: S.CoopParams, querystring: S.EntryListQuerySchema, response: { 200: S.EntryListSchema, ...errors } },
  }, async (req) => listEntries(db, requirePrincipal(req), req.params.id, req.query));

  app.post('/api/v1/cooperatives/:id/exchanges/:entryId/reversal', {
    schema: {
      tags,
      summary: 'Correct an entry by a reversing entry with a reason (once per entry; entries are never changed)',
      params: S.EntryParams,
      body: S.ReversalInputSchema,
      response: { 201: S.EntrySchema, ...errors },
    },
  }, async (req, reply) => {
    reply.code(201);
    return reverseEntry(db, actor(req), req.params.id, req.params.entryId, req.body.reason);
  });

  app.get('/api/v1/cooperatives/:id/exchanges/summary', {
    schema: { tags, summary: 'The year’s ledger totals by kind', params: S.CoopParams, querystring: S.SummaryQuerySchema, response: { 200: S.SummarySchema, ...errors } },
  }, async (req) => summary(db, requirePrincipal(req), req.params.id, req.query.year));

  app.get('/api/v1/me/exchanges', {
    schema: { tags, summary: 'The signed-in member’s own exchanges', querystring: S.MyEntryListQuerySchema, response: { 200: S.EntryListSchema, ...errors } },
  }, async (req) => listMyEntries(db, requirePrincipal(req), req.query));

  app.get('/api/v1/exchanges/template', {
    schema: { tags, summary: 'The exchange import template (CSV, `;`, Italian numbers and dates)', querystring: S.TemplateQuerySchema, response: { 200: { description: 'CSV file', type: 'string' }, 400: problemSchema } },
  }, async (req, reply) => sendFile(reply, 'text/csv; charset=utf-8', req.locale === 'en' ? 'exchanges-template.csv' : 'modello-scambi.csv', templateCsv(req.locale)));

  // Multipart only in this scope, as in the registry's import.
  void app.register(async (scope: App) => {
    await scope.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 5, fieldSize: 100, parts: 6 } });
    scope.post('/api/v1/cooperatives/:id/exchanges/import', {
      schema: {
        tags,
        summary: 'Import exchanges from a CSV or XLSX file: dry run (default) or commit; every rejected row is reported',
        description: 'multipart/form-data with `mode` (dry-run | commit) and the file in `file`. Rows already imported (same reference, or same content) are counted unchanged.',
        consumes: ['multipart/form-data'],
        params: S.CoopParams,
        response: { 200: S.ExchangeImportReportSchema, 413: problemSchema, 415: problemSchema, ...errors },
      },
    }, async (req) => {
      const a = actor(req);
      await coopForManaging(db, a.principal, req.params.id);
      if (!req.isMultipart()) throw new ProblemError(415, 'unsupported-media-type', { fields: [{ field: 'file', code: 'import.file.multipart' }] });
      const base = join(config.dataDir, 'uploads');
      await mkdir(base, { recursive: true });
      const dir = await mkdtemp(join(base, 'exchanges-'));
      const fields: Record<string, string> = {};
      let stored: string | null = null;
      try {
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || stored) {
              part.file.resume();
              continue;
            }
            const path = join(dir, 'upload');
            await pipeline(part.file, createWriteStream(path));
            if (part.file.truncated) throw new ProblemError(413, 'payload-too-large', { fields: [{ field: 'file', code: 'field.length' }] });
            stored = path;
          } else fields[part.fieldname] = String(part.value ?? '');
        }
        const mode = fields.mode ?? 'dry-run';
        if (mode !== 'dry-run' && mode !== 'commit') throw invalidField('mode', 'import.mode.invalid');
        if (!stored) throw invalidField('file', 'import.file.required');
        return await importExchanges(database, { cooperativeId: req.params.id, path: stored, mode, accountId: a.principal.accountId, requestId: req.id, locale: req.locale });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}
