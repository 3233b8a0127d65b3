// Small HTTP helpers shared by the identity module's route files.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '../../core/errors.ts';
import type { Actor } from './service.ts';

export function actorOf(req: FastifyRequest): Actor {
  const ua = req.headers['user-agent'];
  return { accountId: req.principal?.accountId ?? null, requestId: req.id, ip: req.ip, userAgent: typeof ua === 'string' ? ua : null };
}

/** 429 problems carry the wait in `detailParams.seconds`; it also goes out as Retry-After. */
export async function withRetryAfter<T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ProblemError && err.status === 429) reply.header('retry-after', String(err.detailParams.seconds ?? 60));
    throw err;
  }
}
