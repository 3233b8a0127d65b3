// Shared bits of the mutuality routes: problem responses, the actor of a request, file responses.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problemSchema, requirePrincipal } from '../../../core/http.ts';
import type { Actor } from '../services/access.ts';

export const tags = ['mutuality'];
export const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
export const pdfResponse = { 200: { description: 'PDF document', type: 'string', format: 'binary' }, ...errors };

export const actor = (req: FastifyRequest): Actor => ({ principal: requirePrincipal(req), requestId: req.id });

/** `attachment; filename=…` with an ASCII fallback and the RFC 5987 form. */
export function attachment(filename: string): string {
  const ascii = filename.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function sendFile(reply: FastifyReply, type: string, filename: string, body: Buffer | string) {
  return reply.type(type).header('content-disposition', attachment(filename)).send(body);
}
