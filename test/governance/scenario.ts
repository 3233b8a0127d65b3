// A convened (or running) assembly of co-op c1 for the tests that need one: statute, members, agenda, calls arrived.
import type { TestPlatform } from '../support/platform.ts';
import { PASSWORD, type SmallFederation } from '../support/fixtures.ts';
import { addMembers, api, arrive, inDays, OPEN_STATUTE, type Headers, type NewMember } from './helpers.ts';

export interface Scenario {
  assemblyId: string;
  resolutionBallot: string;
  electionBallot: string;
  candidateIds: string[];
  admin: Headers;
  members: NewMember[];
  memberHeaders: Headers[];
}

export async function convenedAssembly(
  p: TestPlatform,
  f: SmallFederation,
  opts: { members?: number; open?: boolean; secret?: boolean; statute?: Record<string, unknown>; method?: string } = {},
): Promise<Scenario> {
  const a = api(p);
  const admin = await p.signIn(f.accounts.adminC1.email, PASSWORD);
  const members = await addMembers(p.database, f.c1, opts.members ?? 6, { accounts: true });
  const memberHeaders = await Promise.all(members.map((m) => p.signIn(m.email, PASSWORD)));
  const st = await a.put(`/api/v1/cooperatives/${f.c1}/governance/statute`, admin, { params: { ...OPEN_STATUTE, ...opts.statute } });
  if (st.status !== 200) throw new Error(`statute: ${JSON.stringify(st.body)}`);
  const created = await a.post(`/api/v1/cooperatives/${f.c1}/assemblies`, admin, {
    kind: 'ordinary',
    title: 'Assemblea di prova',
    mode: 'remote',
    firstCallAt: inDays(16),
    secondCallAt: inDays(17),
    items: [
      { kind: 'resolution', title: 'Delibera', motion: 'Testo della delibera', ballot: { method: 'yes_no', secret: opts.secret ?? false, remoteVoting: true } },
      { kind: 'election', title: 'Elezione', ballot: { method: opts.method ?? 'schulze', seats: 1, secret: opts.secret ?? false, candidates: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] } },
    ],
  });
  if (created.status !== 201) throw new Error(`create: ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const conv = await a.post(`/api/v1/assemblies/${id}/convene`, admin);
  if (conv.status !== 200) throw new Error(`convene: ${JSON.stringify(conv.body)}`);
  const items = created.body.items as { ballot: { id: string; candidates: { id: string }[] } }[];
  const s: Scenario = {
    assemblyId: id,
    resolutionBallot: items[0]!.ballot.id,
    electionBallot: items[1]!.ballot.id,
    candidateIds: items[1]!.ballot.candidates.map((c) => c.id),
    admin,
    members,
    memberHeaders,
  };
  if (opts.open) {
    await arrive(p.database, id, 'second');
    const o = await a.post(`/api/v1/assemblies/${id}/open`, admin, { call: 'second' });
    if (o.status !== 200) throw new Error(`open: ${JSON.stringify(o.body)}`);
  }
  return s;
}
