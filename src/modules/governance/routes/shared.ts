import type { FastifyRequest } from 'fastify';
import { problemSchema, requirePrincipal } from '../../../core/http.ts';
import type { Actor } from '../service.ts';

export const tags = ['governance'];
export const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
export const actorOf = (req: FastifyRequest): Actor => ({ principal: requirePrincipal(req), requestId: req.id });
