// The minutes (verbale) of a closed assembly as a PDF (pdfkit): the assembly and its calls, attendance and quorum,
// proxies, and for each agenda item the motion, the count, the rule applied and the outcome in words. Generated once
// at closing and stored with its SHA-256, which anyone can check a copy against.
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import { t } from '../../../core/i18n.ts';
import type { TallyResult } from '../domain/tally/index.ts';
import { one, rows } from './common.ts';
import type { PresenceFigures } from './presence.ts';

/** Longest lists printed in full; beyond, the minutes give the count (the roll and attendance stay in the database). */
const MAX_LISTED = 2000;

const when = (d: Date | string | null) =>
  d ? new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'long', timeStyle: 'short' }).format(new Date(d)) : '—';

export async function buildMinutes(db: Db, assemblyId: string): Promise<{ pdf: Buffer; sha256: string }> {
  const a = await one<{ title: string; coop: string; kind: string; mode: string; place: string | null; firstCallAt: Date; secondCallAt: Date | null; call: string; openedAt: Date; closedAt: Date; statuteVersion: number; recordDate: string; roll: { members: number; voters: number; votes: number }; opening: { presence: PresenceFigures; explanation: string } | null; section: string | null }>(db, sql`
    SELECT a.title, o.name AS coop, a.kind, a.mode, a.place, a.first_call_at AS "firstCallAt", a.second_call_at AS "secondCallAt", a.call,
           a.opened_at AS "openedAt", coalesce(a.closed_at, now()) AS "closedAt", a.statute_version AS "statuteVersion", a.record_date AS "recordDate",
           json_build_object('members', a.roll_members, 'voters', a.roll_voters, 'votes', a.roll_votes) AS roll, a.opening_quorum AS opening, s.name AS section
      FROM assemblies a JOIN organisations o ON o.id = a.cooperative_id LEFT JOIN governance_sections s ON s.id = a.section_id WHERE a.id = ${assemblyId}`);
  if (!a) throw new Error('assembly not found');
  const roll = typeof a.roll === 'string' ? JSON.parse(a.roll) : a.roll;
  const present = await rows<{ name: string; registerNumber: number | null; channel: string; weight: number }>(db, sql`
    SELECT coalesce(pe.family_name || ' ' || pe.given_name, pe.legal_name) AS name, r.register_number AS "registerNumber", t.channel, coalesce(r.weight, 0) AS weight
      FROM assembly_attendance t JOIN people pe ON pe.id = t.person_id LEFT JOIN assembly_roll r ON r.assembly_id = t.assembly_id AND r.person_id = t.person_id
     WHERE t.assembly_id = ${assemblyId} AND EXISTS (SELECT 1 FROM assembly_attendance_events e WHERE e.assembly_id = t.assembly_id AND e.person_id = t.person_id AND e.event = 'check_in')
     ORDER BY r.register_number NULLS LAST, name LIMIT ${MAX_LISTED + 1}`);
  const proxies = await rows<{ grantor: string; holder: string }>(db, sql`
    SELECT coalesce(g.family_name || ' ' || g.given_name, g.legal_name) AS grantor, coalesce(h.family_name || ' ' || h.given_name, h.legal_name) AS holder
      FROM assembly_proxies x JOIN people g ON g.id = x.grantor_person_id JOIN people h ON h.id = x.holder_person_id
     WHERE x.assembly_id = ${assemblyId} AND x.revoked_at IS NULL ORDER BY holder, grantor LIMIT ${MAX_LISTED + 1}`);
  const items = await rows<{ position: number; kind: string; title: string; motion: string | null; status: string | null; secret: boolean | null; method: string | null; result: TallyResult | null; sha: string | null; candidates: string[] | null }>(db, sql`
    SELECT i.position, i.kind, i.title, i.motion, b.status, b.secret, b.method, b.result, b.result_sha256 AS sha,
           (SELECT array_agg(c.name ORDER BY c.position) FROM assembly_candidates c WHERE c.ballot_id = b.id) AS candidates
      FROM assembly_items i LEFT JOIN assembly_ballots b ON b.item_id = i.id WHERE i.assembly_id = ${assemblyId} ORDER BY i.position`);

  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Verbale — ${a.title}`, Author: a.coop, Creator: 'Cooperando', CreationDate: new Date(a.closedAt) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  const h = (text: string) => doc.moveDown(0.6).font('Helvetica-Bold').fontSize(12).text(text).font('Helvetica').fontSize(10).moveDown(0.2);
  const p = (text: string) => doc.font('Helvetica').fontSize(10).text(text);
  doc.font('Helvetica-Bold').fontSize(16).text(`Verbale di assemblea ${t('it', `governance.kind.${a.kind}`).toLowerCase()}`, { align: 'center' });
  doc.fontSize(13).text(a.coop, { align: 'center' });
  if (a.section) doc.font('Helvetica').fontSize(11).text(`Assemblea separata — sezione ${a.section}`, { align: 'center' });
  doc.moveDown();
  p(`Oggetto: ${a.title}`);
  p(`Prima convocazione: ${when(a.firstCallAt)}. Seconda convocazione: ${when(a.secondCallAt)}.`);
  p(`Riunita in ${a.call === 'second' ? 'seconda' : 'prima'} convocazione; apertura ${when(a.openedAt)}, chiusura ${when(a.closedAt)}.`);
  p(`Modalità: ${t('it', `governance.mode.${a.mode}`)}${a.place ? ` — luogo: ${a.place}` : ''}. Statuto applicato: versione ${a.statuteVersion || 'Codice civile'}.`);

  h('Libro soci e quorum costitutivo');
  p(`Soci iscritti alla data di riferimento (${a.recordDate}): ${roll.members}; aventi diritto al voto: ${roll.voters}, per ${roll.votes} voti (art. 2538 c.c.).`);
  if (a.opening) {
    const pr = a.opening.presence;
    p(`All'apertura: ${pr.presentPeople} soci presenti, ${pr.representedPeople} rappresentati per delega, ${pr.remoteVoters} votanti a distanza o per corrispondenza: ${pr.total} voti su ${pr.entitled.total}.`);
    p(a.opening.explanation);
  }

  h(`Presenti (${present.length > MAX_LISTED ? `oltre ${MAX_LISTED}` : present.length})`);
  p(present.slice(0, MAX_LISTED).map((x) => `${x.registerNumber ?? '—'} ${x.name} (${x.channel === 'online' ? 'in collegamento' : 'in presenza'}, ${x.weight} voti)`).join('; ') || '—');
  h(`Deleghe (${proxies.length > MAX_LISTED ? `oltre ${MAX_LISTED}` : proxies.length}, art. 2539 c.c.)`);
  p(proxies.slice(0, MAX_LISTED).map((x) => `${x.grantor} (delega a ${x.holder})`).join('; ') || '—');

  for (const it of items) {
    h(`${it.position}. ${it.title}`);
    if (it.motion) p(`Proposta: ${it.motion}`);
    if (it.kind === 'information') {
      p('Punto informativo, senza votazione.');
      continue;
    }
    if (it.status !== 'closed' || !it.result) {
      p('Votazione non svolta.');
      continue;
    }
    const r = it.result;
    p(`Votazione ${it.secret ? 'a scrutinio segreto' : 'palese'} (${t('it', `governance.method.${it.method}`)}): ${r.castVotes} voti espressi, ${r.blankVotes} schede bianche.`);
    if (r.resolution) p(`Favorevoli ${r.resolution.yes}, contrari ${r.resolution.no}, astenuti ${r.resolution.abstain}.`);
    if (r.election) {
      const names = it.candidates ?? [];
      p(r.election.candidates.slice().sort((x, y) => x.rank - y.rank).map((c) => `${names[c.position] ?? c.position}: ${c.votes}${c.elected ? ' (eletto)' : ''}`).join('; '));
    }
    for (const e of r.explanation) p(t('it', e.key, e.params));
    p(`Impronta SHA-256 del risultato: ${it.sha}`);
  }
  doc.moveDown();
  p('Verbale generato da Cooperando alla chiusura dell’assemblea; la sua impronta SHA-256 è pubblicata per verificarne le copie.');
  doc.end();
  await done;
  const pdf = Buffer.concat(chunks);
  return { pdf, sha256: createHash('sha256').update(pdf).digest('hex') };
}

export async function getMinutes(db: Db, assemblyId: string): Promise<{ pdf: Buffer; sha256: string } | null> {
  const r = await one<{ pdf: Uint8Array; sha256: string }>(db, sql`SELECT pdf, sha256 FROM assembly_minutes WHERE assembly_id = ${assemblyId}`);
  return r ? { pdf: Buffer.from(r.pdf), sha256: r.sha256 } : null;
}

/** Looks a published hash up: which assembly's minutes it is (public: the hash is the proof). */
export async function verifyMinutes(db: Db, sha256: string) {
  return (
    (await one<{ assemblyId: string; cooperativeName: string; title: string; closedAt: string; generatedAt: string }>(db, sql`
      SELECT m.assembly_id AS "assemblyId", o.name AS "cooperativeName", a.title,
             to_char(a.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "closedAt",
             to_char(m.generated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "generatedAt"
        FROM assembly_minutes m JOIN assemblies a ON a.id = m.assembly_id JOIN organisations o ON o.id = a.cooperative_id
       WHERE m.sha256 = ${sha256.toLowerCase()}`)) ?? null
  );
}
