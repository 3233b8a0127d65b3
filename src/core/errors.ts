// RFC 9457 problem details. Every error leaves the API as application/problem+json with a stable `type`,
// a translated `title` and, for input errors, the offending fields.
import { t, type Locale } from './i18n.ts';

export interface FieldError {
  /** JSON-pointer-like location: `body/email`, `query/page`, `params/id`, or a CSV column name. */
  field: string;
  /** i18n key of the message (e.g. `field.required`). */
  code: string;
  params?: Record<string, string | number>;
}

/** A stable problem slug; the `type` URI is `/problems/<slug>`. */
export type ProblemSlug =
  | 'validation'
  | 'malformed-json'
  | 'unsupported-media-type'
  | 'payload-too-large'
  | 'not-found'
  | 'method-not-allowed'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf'
  | 'conflict'
  | 'rate-limited'
  | 'internal'
  | 'unavailable'
  | (string & {});

export class ProblemError extends Error {
  readonly status: number;
  readonly slug: ProblemSlug;
  readonly fields: FieldError[];
  readonly detailKey: string | undefined;
  readonly detailParams: Record<string, string | number>;
  readonly titleKey: string;

  constructor(
    status: number,
    slug: ProblemSlug,
    opts: { fields?: FieldError[]; detailKey?: string; detailParams?: Record<string, string | number>; titleKey?: string } = {},
  ) {
    super(slug);
    this.status = status;
    this.slug = slug;
    this.fields = opts.fields ?? [];
    this.detailKey = opts.detailKey;
    this.detailParams = opts.detailParams ?? {};
    this.titleKey = opts.titleKey ?? `problem.${slug}`;
  }
}

export const notFound = (detailKey?: string): ProblemError => new ProblemError(404, 'not-found', { detailKey });
export const forbidden = (): ProblemError => new ProblemError(403, 'forbidden');
export const unauthenticated = (): ProblemError => new ProblemError(401, 'unauthenticated');
export const conflict = (detailKey: string, fields: FieldError[] = [], detailParams: Record<string, string | number> = {}): ProblemError =>
  new ProblemError(409, 'conflict', { detailKey, fields, detailParams });
export const invalid = (fields: FieldError[]): ProblemError => new ProblemError(400, 'validation', { fields });
export const invalidField = (field: string, code: string, params?: Record<string, string | number>): ProblemError =>
  invalid([{ field, code, ...(params ? { params } : {}) }]);

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: { field: string; code: string; message: string }[];
}

export function problemBody(err: ProblemError, locale: Locale, instance?: string, requestId?: string): ProblemBody {
  const body: ProblemBody = {
    type: `/problems/${err.slug}`,
    title: t(locale, err.titleKey),
    status: err.status,
  };
  if (err.detailKey) body.detail = t(locale, err.detailKey, err.detailParams);
  if (instance) body.instance = instance;
  if (requestId) body.requestId = requestId;
  if (err.fields.length > 0) {
    body.errors = err.fields.map((f) => ({ field: f.field, code: f.code, message: t(locale, f.code, f.params) }));
  }
  return body;
}
