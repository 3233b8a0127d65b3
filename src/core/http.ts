// HTTP plumbing shared by every module: Fastify with TypeBox schemas, strict validation (unknown fields and
// wrong types are 400s, never silently dropped or coerced in bodies), RFC 9457 errors, request ids, pino logs
// without personal data, OpenAPI 3.1 at /api/openapi.json with a browsable reference at /api/docs.
import Fastify, {
  type FastifyInstance,
  type FastifyRequest,
  type FastifyError,
  type FastifyBaseLogger,
  type RawServerDefault,
  type RawRequestDefaultExpression,
  type RawReplyDefaultExpression,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { randomUUID } from 'node:crypto';
import type { Config } from './config.ts';
import { ProblemError, problemBody, type FieldError } from './errors.ts';
import { pickLocale, type Locale } from './i18n.ts';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export type GrantRole = 'coop_admin' | 'association_staff' | 'platform_admin';
export interface Grant {
  role: GrantRole;
  organisationId: string | null;
}
/** Who is making a request, resolved from the session by the identity module's hook. */
export interface Principal {
  accountId: string;
  personId: string | null;
  email: string;
  displayName: string;
  locale: Locale;
  grants: Grant[];
  sessionIdHash: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    locale: Locale;
  }
}

// ajv-formats is CommonJS with a default export; under nodenext its callable lives on `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    coerceTypes: coerce ? 'array' : false,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

type AjvErr = { instancePath: string; keyword: string; params: Record<string, unknown> };

/** Maps ajv errors to field errors with stable i18n codes. */
export function fieldErrorsFromAjv(part: string, errors: AjvErr[]): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const base = `${part}${e.instancePath}`.replace(/\/$/, '');
    switch (e.keyword) {
      case 'required':
        out.push({ field: `${base}/${String(e.params.missingProperty)}`, code: 'field.required' });
        break;
      case 'additionalProperties':
        out.push({ field: `${base}/${String(e.params.additionalProperty)}`, code: 'field.unknown' });
        break;
      case 'type':
        out.push({ field: base, code: 'field.type', params: { expected: String(e.params.type) } });
        break;
      case 'format':
        out.push({ field: base, code: 'field.format', params: { format: String(e.params.format) } });
        break;
      case 'enum':
      case 'const':
        out.push({ field: base, code: 'field.enum' });
        break;
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        out.push({ field: base, code: 'field.range' });
        break;
      case 'minLength':
      case 'maxLength':
      case 'minItems':
      case 'maxItems':
        out.push({ field: base, code: 'field.length' });
        break;
      case 'pattern':
        out.push({ field: base, code: 'field.pattern' });
        break;
      case 'anyOf':
      case 'oneOf':
      case 'if':
        // The branch errors already say what is wrong; keep a generic one only when nothing else was reported.
        break;
      default:
        out.push({ field: base, code: 'field.invalid' });
    }
  }
  if (out.length === 0 && errors.length > 0) out.push({ field: part, code: 'field.invalid' });
  // De-duplicate identical entries produced by union branches.
  const seen = new Set<string>();
  return out.filter((f) => {
    const key = `${f.field}|${f.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A safety net for input the schemas let through but PostgreSQL refuses (a data exception, class 22, or an
 * integrity violation, class 23): the user's mistake is a 4xx, not a 500. Services map the expected ones precisely.
 */
function databaseProblem(error: unknown): ProblemError | null {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : undefined;
  if (!code || !/^2[23][0-9A-Z]{3}$/.test(code)) return null;
  if (code === '23505' || code === '23503' || code === '23P01') return new ProblemError(409, 'conflict');
  return new ProblemError(400, 'validation', { fields: [{ field: 'request', code: 'field.invalid' }] });
}

export interface HttpOptions {
  config: Config;
  /** Checked by /readyz: resolves when the database answers and no migration is pending. */
  readiness: () => Promise<{ ok: boolean; reason?: string }>;
  /** Pino logger options override (tests pass `false` to silence). */
  logger?: boolean | Record<string, unknown>;
}

export async function createHttp(opts: HttpOptions): Promise<App> {
  const { config } = opts;
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            // Requests are logged by path only: query strings may carry names or fiscal codes.
            serializers: {
              req: (req: FastifyRequest) => ({
                method: req.method,
                path: req.url.split('?')[0],
                remoteAddress: req.ip,
              }),
            },
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
            ...(typeof opts.logger === 'object' ? opts.logger : {}),
          },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === '1',
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  const bodyAjv = makeAjv(false);
  const otherAjv = makeAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? bodyAjv : otherAjv;
    return ajv.compile(schema) as never;
  });
  app.setSchemaErrorFormatter((errors, dataVar) => {
    const err = new ProblemError(400, 'validation', { fields: fieldErrorsFromAjv(dataVar, errors as unknown as AjvErr[]) });
    return err as unknown as Error;
  });

  app.decorateRequest('principal', null);
  app.decorateRequest('locale', 'it');
  app.addHook('onRequest', async (req, reply) => {
    req.locale = pickLocale(req.query, req.headers['accept-language']);
    reply.header('x-request-id', req.id);
  });

  app.setErrorHandler((error: FastifyError | ProblemError, req, reply) => {
    let problem: ProblemError;
    let dbProblem: ProblemError | null;
    if (error instanceof ProblemError) {
      problem = error;
    } else if ((error as FastifyError).validation) {
      const fe = error as FastifyError;
      problem = new ProblemError(400, 'validation', {
        fields: fieldErrorsFromAjv(fe.validationContext ?? 'body', (fe.validation ?? []) as unknown as AjvErr[]),
      });
    } else if ((dbProblem = databaseProblem(error))) {
      problem = dbProblem;
    } else {
      const code = (error as FastifyError).code;
      const status = (error as FastifyError).statusCode;
      if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.name === 'SyntaxError' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
        problem = new ProblemError(400, 'malformed-json', { fields: [{ field: 'body', code: 'field.invalid' }] });
      } else if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
        problem = new ProblemError(415, 'unsupported-media-type');
      } else if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
        problem = new ProblemError(413, 'payload-too-large');
      } else if (status === 429) {
        problem = new ProblemError(429, 'rate-limited');
      } else if (status === 404) {
        problem = new ProblemError(404, 'not-found');
      } else if (status !== undefined && status >= 400 && status < 500) {
        // Fastify's own client errors (bad content length, bad headers, multipart limits …).
        problem = new ProblemError(status, 'validation', { fields: [{ field: 'request', code: 'field.invalid' }] });
      } else {
        req.log.error({ err: error }, 'unhandled error');
        problem = new ProblemError(500, 'internal');
      }
    }
    if (problem.status >= 500 && error instanceof ProblemError) req.log.error({ err: error }, 'server error');
    reply
      .code(problem.status)
      .type('application/problem+json; charset=utf-8')
      .send(problemBody(problem, req.locale, req.url.split('?')[0], req.id));
  });

  app.setNotFoundHandler((req, reply) => {
    const err = new ProblemError(404, 'not-found');
    reply.code(404).type('application/problem+json; charset=utf-8').send(problemBody(err, req.locale, req.url.split('?')[0], req.id));
  });

  await app.register(cookie, { secret: config.sessionSecret });
  // Per-address limits for the public endpoints that write or sign on every call (passkey challenges, wallet nonces,
  // status lists, verification), opted into by each route with `config.rateLimit` (see PUBLIC_LIMIT). Sign-in and
  // e-mail endpoints keep their own limits in the database, shared by every process.
  await app.register(rateLimit, { global: false });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.publicUrl.startsWith('https:') ? [] : null,
      },
    },
    hsts: config.publicUrl.startsWith('https:'),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Cooperando API',
        version: '1',
        description: 'The API of the Cooperando cooperative platform. Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'coop_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { schema: { tags: ['health'], response: { 200: { type: 'object', properties: { status: { type: 'string' } } } } } }, async () => ({ status: 'ok' }));
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        response: {
          200: { type: 'object', properties: { status: { type: 'string' } } },
          503: { type: 'object', properties: { status: { type: 'string' }, reason: { type: 'string' } } },
        },
      },
    },
    async (_req, reply) => {
      const r = await opts.readiness().catch((e: Error) => ({ ok: false, reason: e.message }));
      if (!r.ok) return reply.code(503).send({ status: 'unavailable', reason: r.reason ?? 'not ready' });
      return { status: 'ready' };
    },
  );
  return app;
}

/** The principal of a request, or a 401 problem. */
export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new ProblemError(401, 'unauthenticated');
  return req.principal;
}

/** Reusable schema for problem responses in route definitions (documents them in OpenAPI). */
export const problemSchema = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;

/** Route option for a public endpoint that writes or signs on every call: requests per address per minute. */
export const publicLimit = (max: number) => ({ rateLimit: { max, timeWindow: 60_000 } });
