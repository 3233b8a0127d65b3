// The demo's assemblies: the demo co-op (the one cooperativa@demo.cooperando.example administers) gets a statute that
// allows hybrid assemblies and remote voting, and two convened ordinary assemblies, so every step can be tried in the
// web app at once:
// - one ahead, its first call twenty days on: the 2025 accounts (a resolution), the board election (STV, secret) and
//   any other business — for the notices, the roll, proxies, discussion, polls and remote votes before the meeting;
// - one whose second call has come: convened three weeks ago, deserted on first call yesterday evening, so the chair
//   can open the meeting now (no quorum on second call), check members in, approve last year's accounts and ristorni
//   (which the board then links to the mutuality run), put the internal rules to the vote and hold an election (the
//   arbitration board, STV, secret), then close it with its minutes.
// The demo member (socio@demo.cooperando.example) is made a member of that co-op if they are not one already.
import { sql } from 'drizzle-orm';
import type { Database } from '../../core/db.ts';
import type { Principal } from '../../core/http.ts';
import { refreshMemberStats } from '../registry/index.ts';
import { DEFAULT_STATUTE } from './domain/statute.ts';
import { addDays, romeDate } from './domain/calendar.ts';
import { createAssembly, convene, putStatute } from './service.ts';
import { one, rows } from './services/common.ts';

export const DEMO_ADMIN_EMAIL = 'cooperativa@demo.cooperando.example';
export const DEMO_MEMBER_EMAIL = 'socio@demo.cooperando.example';

export interface GovernanceDemo {
  cooperativeId: string;
  /** The assembly ahead (first call in twenty days). */
  assemblyId: string;
  /** The assembly whose second call has come: its meeting can be opened now. */
  meetingTodayId: string;
}

/** 18:00 in Italy on an ISO date (summer or winter time). */
function romeEvening(date: string): string {
  const probe = new Date(`${date}T16:00:00Z`);
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', hour: '2-digit', hour12: false }).format(probe));
  return new Date(Date.parse(`${date}T18:00:00Z`) - (hour - 16) * 3_600_000).toISOString();
}

/** Seeds the demo assembly; does nothing (returns null) without the demo accounts or when the co-op has assemblies. */
export async function seedGovernanceDemo(database: Database, opts: { publicUrl?: string; now?: Date } = {}): Promise<GovernanceDemo | null> {
  const db = database.db;
  const admin = await one<{ accountId: string; personId: string | null; displayName: string; coopId: string }>(db, sql`
    SELECT a.id AS "accountId", a.person_id AS "personId", a.display_name AS "displayName", g.organisation_id AS "coopId"
      FROM accounts a JOIN role_grants g ON g.account_id = a.id AND g.role = 'coop_admin'
     WHERE lower(a.email) = ${DEMO_ADMIN_EMAIL} LIMIT 1`);
  if (!admin) return null;
  const coopId = admin.coopId;
  const existing = await one<{ id: string }>(db, sql`SELECT id FROM assemblies WHERE cooperative_id = ${coopId} LIMIT 1`);
  if (existing) return null;
  const today = romeDate(opts.now ?? new Date());

  // The demo member takes part in this co-op's assembly: a member for two years, so entitled to vote.
  const member = await one<{ personId: string | null }>(db, sql`SELECT person_id AS "personId" FROM accounts WHERE lower(email) = ${DEMO_MEMBER_EMAIL}`);
  if (member?.personId) {
    const inCoop = await one<{ ok: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM memberships WHERE cooperative_id = ${coopId} AND person_id = ${member.personId} AND exit_on IS NULL) AS ok`);
    if (!inCoop?.ok) {
      const since = addDays(today, -730);
      await db.execute(sql`INSERT INTO memberships (cooperative_id, person_id, register_number, member_types, admitted_on, registered_on, shares_count, share_nominal_cents, subscribed_cents, paid_cents)
        SELECT ${coopId}, ${member.personId}, coalesce(max(register_number), 0) + 1, '{utente}', ${since}, ${since}, 2, 2500, 5000, 5000
          FROM memberships WHERE cooperative_id = ${coopId}`);
      await refreshMemberStats(database, [coopId]);
    }
  }

  const principal: Principal = {
    accountId: admin.accountId,
    personId: admin.personId,
    email: DEMO_ADMIN_EMAIL,
    displayName: admin.displayName,
    locale: 'it',
    grants: [{ role: 'coop_admin', organisationId: coopId }],
    sessionIdHash: '',
    csrfToken: '',
  };
  const actor = { principal, requestId: 'demo' };
  await putStatute(db, actor, coopId, { ...DEFAULT_STATUTE, remoteParticipationAllowed: true, remoteVotingAllowed: true, postalVotingAllowed: true }, 'Statuto della cooperativa demo: assemblee anche in collegamento, voto a distanza e per corrispondenza.');

  const candidates = await rows<{ personId: string; name: string }>(db, sql`
    SELECT m.person_id AS "personId", p.given_name || ' ' || p.family_name AS name
      FROM memberships m JOIN people p ON p.id = m.person_id
     WHERE m.cooperative_id = ${coopId} AND m.exit_on IS NULL AND p.kind = 'natural' AND m.registered_on <= ${addDays(today, -365)}::date
     ORDER BY m.register_number LIMIT 5`);
  const first = romeEvening(addDays(today, 20));
  const second = romeEvening(addDays(today, 21));
  const id = await createAssembly(db, actor, coopId, {
    kind: 'ordinary',
    title: 'Assemblea ordinaria dei soci 2026',
    description: 'Approvazione del bilancio 2025 e rinnovo del consiglio di amministrazione.',
    mode: 'hybrid',
    place: 'Sala riunioni della cooperativa',
    onlineUrl: `${(opts.publicUrl ?? 'http://localhost:3000').replace(/\/$/, '')}/`,
    firstCallAt: first,
    secondCallAt: second,
    items: [
      {
        kind: 'resolution',
        title: 'Approvazione del bilancio di esercizio 2025',
        description: 'Bilancio, nota integrativa e relazione sulla gestione; destinazione dell’avanzo (30% a riserva legale, 3% ai fondi mutualistici, art. 2545-quater c.c.).',
        motion: 'L’assemblea approva il bilancio di esercizio 2025 così come presentato dal consiglio di amministrazione.',
        ballot: { method: 'yes_no', remoteVoting: true },
      },
      {
        kind: 'election',
        title: 'Elezione del consiglio di amministrazione (3 consiglieri)',
        description: 'Voto singolo trasferibile a scrutinio segreto: ordina i candidati per preferenza.',
        ballot: { method: 'stv', seats: 3, secret: true, candidates: candidates.map((c) => ({ name: c.name, personId: c.personId })) },
      },
      { kind: 'information', title: 'Varie ed eventuali' },
    ],
  });
  await convene(db, actor, id, opts.publicUrl ?? 'http://localhost:3000');
  const meetingTodayId = await seedMeetingToday(db, actor, coopId, opts.now ?? new Date(), opts.publicUrl ?? 'http://localhost:3000', candidates);
  return { cooperativeId: coopId, assemblyId: id, meetingTodayId };
}

/**
 * An assembly whose second call is now (to the minute) and whose first call was the evening before (a different day,
 * as art. 2369 c.c. requires), convened twenty days before the first call — a notice period the statute accepts —
 * so the convocation is checked like any other, only as of that day.
 */
async function seedMeetingToday(
  db: Database['db'],
  actor: { principal: Principal; requestId: string },
  coopId: string,
  now: Date,
  publicUrl: string,
  candidates: { personId: string; name: string }[],
): Promise<string> {
  const today = romeDate(now);
  const year = Number(today.slice(0, 4)) - 1;
  const second = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - 60_000);
  // Just after midnight the minute before is still yesterday: the first call goes one evening further back.
  const first = romeEvening(addDays(today, romeDate(second) === today ? -1 : -2));
  const id = await createAssembly(db, actor, coopId, {
    kind: 'ordinary',
    title: 'Assemblea ordinaria dei soci: regolamento interno',
    description: 'Prima convocazione andata deserta; l’assemblea si tiene in seconda convocazione, valida qualunque sia il numero dei soci presenti.',
    mode: 'hybrid',
    place: 'Sala riunioni della cooperativa',
    onlineUrl: `${publicUrl.replace(/\/$/, '')}/`,
    firstCallAt: first,
    secondCallAt: second.toISOString(),
    items: [
      {
        // The mutuality demo leaves this co-op's ristorni run computed: once this passes, the board links it on the
        // run's page as the approval (art. 2545-sexies c.c.), and the members' statements say so.
        kind: 'resolution',
        title: `Bilancio ${year} e ristorni ai soci`,
        description: 'Il consiglio propone di attribuire ai soci i ristorni calcolati sugli scambi mutualistici dell’esercizio (art. 2545-sexies c.c.): l’estratto di ciascun socio è nella sezione Mutualità.',
        motion: `L’assemblea approva il bilancio ${year} e l’attribuzione ai soci dei ristorni proposti dal consiglio di amministrazione, nelle forme e negli importi indicati negli estratti dei soci.`,
        ballot: { method: 'yes_no' },
      },
      {
        kind: 'resolution',
        title: 'Approvazione del regolamento interno dei soci (art. 6 L. 142/2001)',
        description: 'Il regolamento disciplina l’organizzazione del lavoro, i trattamenti economici e la partecipazione dei soci alla vita della cooperativa.',
        motion: 'L’assemblea approva il regolamento interno dei soci nel testo proposto dal consiglio di amministrazione.',
        ballot: { method: 'yes_no' },
      },
      {
        kind: 'election',
        title: 'Elezione del collegio dei probiviri (3 componenti)',
        description: 'Voto singolo trasferibile a scrutinio segreto: ordina i candidati per preferenza.',
        ballot: { method: 'stv', seats: 3, secret: true, candidates: candidates.map((c) => ({ name: c.name, personId: c.personId })) },
      },
      { kind: 'information', title: 'Comunicazioni del presidente' },
    ],
  });
  await convene(db, actor, id, publicUrl, 'outbox', new Date(Date.parse(first) - 20 * 86_400_000));
  return id;
}
