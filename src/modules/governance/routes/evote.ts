// Routes of the verifiable secret ballot: the trustees' key ceremony and decryption, casting an encrypted ballot,
// the public board and roll, and the election record. Authorisation is in services/evote.ts: trustee routes answer
// only the account of that trustee; the rest anyone who may see the assembly.
import type { App } from '../../../core/http.ts';
import { requirePrincipal } from '../../../core/http.ts';
import type { Database } from '../../../core/db.ts';
import * as ev from '../services/evote.ts';
import * as S from '../types.ts';
import { actorOf, problems, tags } from './shared.ts';

export function registerEvoteRoutes(app: App, database: Database): void {
  const db = database.db;
  const base = '/api/v1/ballots/:id/evote';

  app.get(base, { schema: { tags, summary: 'An encrypted ballot’s election: ceremony progress, key, manifest (viewers and trustees)', params: S.IdParams, response: { 200: S.ElectionStateSchema, ...problems } } }, async (req) =>
    ev.electionState(db, requirePrincipal(req), req.params.id),
  );
  app.get(`${base}/commitments`, { schema: { tags, summary: 'The trustees’ posted key commitments', params: S.IdParams, response: { 200: S.CommitmentListSchema, ...problems } } }, async (req) =>
    ev.listCommitments(db, requirePrincipal(req), req.params.id),
  );
  app.post(`${base}/trustees/:index/commitment`, { schema: { tags, summary: 'Trustee: post my key commitment (checked with its proof)', params: S.TrusteeParams, body: S.CommitmentInputSchema, response: { 200: S.ElectionStateSchema, ...problems } } }, async (req) =>
    ev.postCommitment(db, actorOf(req), req.params.id, req.params.index, req.body.commitment),
  );
  app.post(`${base}/trustees/:index/shares`, { schema: { tags, summary: 'Trustee: post my encrypted shares for the other trustees (once every commitment is in)', params: S.TrusteeParams, body: S.SharesInputSchema, response: { 200: S.ElectionStateSchema, ...problems } } }, async (req) =>
    ev.postShares(db, actorOf(req), req.params.id, req.params.index, req.body.shares),
  );
  app.get(`${base}/trustees/:index/shares`, { schema: { tags, summary: 'Trustee: the shares addressed to me', params: S.TrusteeParams, response: { 200: S.SharesForMeSchema, ...problems } } }, async (req) =>
    ev.sharesFor(db, requirePrincipal(req), req.params.id, req.params.index),
  );
  app.post(`${base}/trustees/:index/ack`, { schema: { tags, summary: 'Trustee: my shares check out, or a complaint naming the senders of bad ones', params: S.TrusteeParams, body: S.SharesAckSchema, response: { 200: S.ElectionStateSchema, ...problems } } }, async (req) =>
    ev.acknowledgeShares(db, actorOf(req), req.params.id, req.params.index, req.body),
  );
  app.post(`${base}/trustees/:index/partial-decryption`, { schema: { tags, summary: 'Trustee: my partial decryption of the tally, with its proofs; the threshold-th one decrypts and closes the ballot', params: S.TrusteeParams, querystring: S.LangQuery, body: S.PartialInputSchema, response: { 200: S.ElectionAfterPartialSchema, ...problems } } }, async (req) =>
    ev.postPartialDecryption(db, actorOf(req), req.params.id, req.params.index, req.body.partial, req.locale),
  );

  app.get(`${base}/me`, { schema: { tags, summary: 'Voter: the manifest and my slots (mine and those I carry by proxy)', params: S.IdParams, response: { 200: S.MyElectionSchema, ...problems } } }, async (req) =>
    ev.myElection(db, requirePrincipal(req), req.params.id),
  );
  app.post(`${base}/cast`, { schema: { tags, summary: 'Voter: cast an encrypted ballot in one of my slots (again to change it: the last one counts)', params: S.IdParams, body: S.CastEncryptedSchema, response: { 201: S.CastEncryptedResultSchema, ...problems } } }, async (req, reply) => {
    reply.code(201);
    return ev.castEncrypted(db, actorOf(req), req.params.id, req.body);
  });

  app.get(`${base}/board`, { schema: { tags, summary: 'The bulletin board: every accepted encrypted ballot, hash-chained', params: S.IdParams, querystring: S.PageQuery, response: { 200: S.BoardPageSchema, ...problems } } }, async (req) =>
    ev.boardPage(db, requirePrincipal(req), req.params.id, req.query.page ?? 1, req.query.pageSize ?? 100),
  );
  app.get(`${base}/board/:code`, { schema: { tags, summary: 'Find a ballot on the board by its tracking code', params: S.TrackingParams, response: { 200: S.BoardEntryViewSchema, ...problems } } }, async (req) =>
    ev.boardLookup(db, requirePrincipal(req), req.params.id, req.params.code),
  );
  app.get(`${base}/roll`, { schema: { tags, summary: 'The published roll: pseudonymous slots, weights and groups (no names)', params: S.IdParams, response: { 200: S.EvoteRollSchema, ...problems } } }, async (req) =>
    ev.rollOf(db, requirePrincipal(req), req.params.id),
  );
  app.get(`${base}/record`, { schema: { tags, summary: 'The election record, for `cooperando verify-election` (complete once decrypted)', params: S.IdParams, response: { 200: S.ElectionRecordSchema, ...problems } } }, async (req) =>
    ev.electionRecord(db, requirePrincipal(req), req.params.id),
  );
}
