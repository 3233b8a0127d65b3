// A small typed client for the JSON API under /api/v1: same-origin cookies, the CSRF token on unsafe methods,
// Accept-Language = the UI language, and RFC 9457 problem+json errors turned into ApiError.
import i18n, { currentLanguage } from './i18n.ts';

export const API_BASE = '/api/v1';

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** RFC 9457 problem details as the platform sends them (title and messages already translated). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

let csrfToken: string | null = null;
/** Kept from the session/sign-in responses; sent back on POST, PUT, PATCH and DELETE. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let unauthorizedHandler: (() => void) | null = null;
/** Called when the API answers 401 (the session ended): the app sends the user to the sign-in page. */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** Builds an API URL, leaving out empty query values. */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  /** A JSON body. */
  json?: unknown;
  /** A multipart body (file uploads). */
  form?: FormData;
  signal?: AbortSignal;
  /** Do not treat a 401 as the end of the session (the session probe and the sign-in form). */
  quiet401?: boolean;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function genericProblem(status: number, statusText: string): Problem {
  const key = status === 0 ? 'errors.network' : status >= 500 ? 'errors.server' : 'errors.generic';
  return { type: 'about:blank', title: i18n.t(key), status, ...(statusText ? { detail: statusText } : {}) };
}

async function readProblem(res: Response): Promise<Problem> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Partial<Problem>;
      if (body && typeof body.title === 'string') {
        return {
          type: typeof body.type === 'string' ? body.type : 'about:blank',
          title: body.title,
          status: typeof body.status === 'number' ? body.status : res.status,
          ...(typeof body.detail === 'string' ? { detail: body.detail } : {}),
          ...(typeof body.requestId === 'string' ? { requestId: body.requestId } : {}),
          ...(Array.isArray(body.errors) ? { errors: body.errors } : {}),
        };
      }
    } catch {
      // fall through to a generic problem
    }
  }
  return genericProblem(res.status, res.statusText);
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': currentLanguage(),
  };
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.form) {
    body = opts.form; // the browser sets the multipart boundary
  }
  if (!SAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(genericProblem(0, ''));
  }
  if (res.status === 204) return undefined as T;
  if (!res.ok) {
    const problem = await readProblem(res);
    if (res.status === 401 && !opts.quiet401) unauthorizedHandler?.();
    throw new ApiError(problem);
  }
  return (await res.json()) as T;
}
