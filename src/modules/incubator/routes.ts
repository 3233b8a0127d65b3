// Incubator HTTP routes: thin — schemas (validation + OpenAPI) and a call into the service. The public routes need
// no sign-in and are rate-limited per address.
import type { App } from '../../core/http.ts';
import { problemSchema, publicLimit } from '../../core/http.ts';
import type { Database } from '../../core/db.ts';
import * as S from './schemas.ts';
import { kindsWithFigures, selfAssessment } from './service.ts';

const tags = ['incubator'];
const errors = { 400: problemSchema, 429: problemSchema };

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
}
