// Demo data for mutuality: a year of exchanges for a co-op's members (work, purchases or services, deliveries of
// produce by grade, by member type), financial-statement lines for that year and the one before, quality weights,
// opening share-capital balances, and a ristorni run computed and approved by an assembly resolution — so every
// member with exchanges, the demo member included, has a statement. Deterministic (hashes of ids), set-based SQL,
// idempotent (demo entries carry a reference; a year with a run is left alone).
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Db } from '../../core/db.ts';
import type { Principal } from '../../core/http.ts';
import { computeRun } from './services/compute.ts';
import { approveRun, createRun } from './services/runs.ts';
import { putStatementLines, putWeights } from './services/accounts.ts';
import { openingBalances } from './services/share-capital.ts';
import { putSettings } from './services/settings.ts';
import { KIND_LINE, type ExchangeKind, type StatementLine } from './domain/index.ts';
import type { Actor } from './services/access.ts';

export interface MutualityDemoOptions {
  coopId: string;
  /** The year of exchanges and ristorni (default: last year). */
  year?: number;
  /** Memberships that get exchanges of the co-op's main kind even if their member types would give none. */
  ensureMemberships?: string[];
  /** The account recorded as author (the co-op's administrator); null = the operator. */
  actorAccountId?: string | null;
  /**
   * Leave the run computed, for the co-op's own assembly to approve on the platform (the governance demo puts the
   * ristorni on its agenda); otherwise the run is approved by a typed-in resolution of an assembly held elsewhere.
   */
  awaitAssembly?: boolean;
}

export interface MutualityDemoResult {
  coopId: string;
  year: number;
  entries: number;
  runId: string | null;
  status: string | null;
  poolCents: number;
  members: number;
}

const CONSUMER = ['consumo', 'dettaglianti'];
const PRODUCE = ['conferimento_prodotti_agricoli', 'pesca', 'consorzi_agrari'];
const WORK = ['produzione_e_lavoro', 'lavoro_agricolo', 'sociali', 'trasporto'];

function mainKind(category: string | null): ExchangeKind {
  if (category && CONSUMER.includes(category)) return 'purchase';
  if (category && PRODUCE.includes(category)) return 'delivery';
  if (category && WORK.includes(category)) return 'work';
  return 'service';
}

/** An operator's principal for seeding (a platform administrator without a session). */
function operator(accountId: string | null): Actor {
  const principal: Principal = {
    // The audit log keeps a null actor for the operator; the column is nullable, the type is not.
    accountId: accountId as string,
    personId: null,
    email: 'demo@cooperando.invalid',
    displayName: 'Demo',
    locale: 'it',
    grants: [{ role: 'platform_admin', organisationId: null }],
    sessionIdHash: '',
    csrfToken: '',
  };
  return { principal, requestId: 'demo' };
}

async function insertEntries(db: Db, coopId: string, year: number, category: string | null, ensure: string[], by: string | null): Promise<number> {
  const [{ n: openMembers } = { n: 0 }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM memberships WHERE cooperative_id = ${coopId}`);
  // Monthly for ordinary co-ops, quarterly for large ones, yearly for the giants: a demo, not a load test.
  const per = openMembers <= 5_000 ? 12 : openMembers <= 20_000 ? 4 : 1;
  const userKind = category && CONSUMER.includes(category) ? 'purchase' : 'service';
  const main = mainKind(category);
  const ensureArr = `{${ensure.join(',')}}`;
  const rows = await queryRows<{ n: number }>(db, sql`
    WITH mem AS (
      SELECT m.id, m.register_number, m.admitted_on, m.exit_on,
             CASE WHEN 'lavoratore' = ANY (m.member_types) THEN 'work'
                  WHEN 'conferente' = ANY (m.member_types) THEN 'delivery'
                  WHEN 'utente' = ANY (m.member_types) THEN ${userKind}
                  WHEN m.id = ANY (${ensureArr}::uuid[]) THEN ${main} END AS kind
        FROM memberships m WHERE m.cooperative_id = ${coopId}),
    periods AS (
      SELECT g AS n, ((make_date(${year}::int, 1, 1) + make_interval(months => g * 12 / ${per}::int))::date - 1) AS day
        FROM generate_series(1, ${per}::int) g),
    rows AS (
      SELECT mem.id, mem.kind, p.day, p.n, mem.register_number,
             abs(hashtext(mem.id::text || ':' || p.n)) AS h, abs(hashtext(mem.id::text)) AS hm
        FROM mem CROSS JOIN periods p
       WHERE mem.kind IS NOT NULL AND mem.admitted_on <= p.day AND (mem.exit_on IS NULL OR p.day <= mem.exit_on) AND p.day <= current_date
         AND (mem.kind <> 'delivery' OR ${per}::int < 12 OR p.n BETWEEN 7 AND 10)),
    ins AS (
      INSERT INTO exchange_entries (cooperative_id, membership_id, kind, occurred_on, quantity, unit, value_cents, grade, description, external_ref, recorded_by)
      SELECT ${coopId}, r.id, r.kind, r.day,
             CASE r.kind WHEN 'work' THEN (120 + r.h % 50) * (12 / ${per}::int)
                         WHEN 'delivery' THEN (500 + r.h % 4500)::numeric * (CASE WHEN ${per}::int < 12 THEN 4.0 / ${per}::int ELSE 1 END)
                         ELSE NULL END,
             CASE r.kind WHEN 'work' THEN 'h' WHEN 'delivery' THEN 'kg' ELSE NULL END,
             CASE r.kind WHEN 'work' THEN (120 + r.h % 50) * (12 / ${per}::int) * (1100 + r.hm % 500)
                         WHEN 'delivery' THEN round((500 + r.h % 4500) * (CASE WHEN ${per}::int < 12 THEN 4.0 / ${per}::int ELSE 1 END)
                                                * (CASE r.h % 3 WHEN 0 THEN 70 WHEN 1 THEN 55 ELSE 40 END))::bigint
                         ELSE (2000 + r.h % 38000) * (12 / ${per}::int) END,
             CASE WHEN r.kind = 'delivery' THEN (ARRAY['A', 'B', 'C'])[r.h % 3 + 1] END,
             CASE r.kind WHEN 'work' THEN 'Cedolino ' || to_char(r.day, 'MM/YYYY') WHEN 'delivery' THEN 'Conferimento' ELSE NULL END,
             'demo:' || ${year}::int || ':' || r.kind || ':' || r.register_number || ':' || r.n, ${by}
        FROM rows r
      ON CONFLICT (cooperative_id, external_ref) WHERE external_ref IS NOT NULL DO NOTHING
      RETURNING 1)
    SELECT count(*)::int AS n FROM ins`);
  return rows[0]?.n ?? 0;
}

/** The demo's resolution on the year's ristorni (typed in, or on the governance demo's agenda). */
function ristorniMotion(year: number): string {
  return `L’assemblea approva il bilancio ${year} e delibera l’attribuzione ai soci dei ristorni proposti dal consiglio di amministrazione: 60% in denaro e 40% ad aumento gratuito del capitale sociale, con ritenuta del 12,5% sulla parte imputata a capitale per i soci persone fisiche.`;
}

/** Seeds one co-op's year of mutuality and approves its ristorni (see the file comment). */
export async function seedMutualityDemo(database: Database, opts: MutualityDemoOptions): Promise<MutualityDemoResult> {
  const db = database.db;
  const year = opts.year ?? new Date().getUTCFullYear() - 1;
  const actor = operator(opts.actorAccountId ?? null);
  const [coop] = await queryRows<{ category: string | null }>(db, sql`SELECT albo_category AS category FROM cooperatives WHERE organisation_id = ${opts.coopId}`);
  if (!coop) throw new Error(`no cooperative ${opts.coopId}`);
  const [existing] = await queryRows<{ id: string; status: string }>(db, sql`SELECT id, status FROM ristorni_runs WHERE cooperative_id = ${opts.coopId} AND year = ${year}`);
  if (existing) return { coopId: opts.coopId, year, entries: 0, runId: existing.id, status: existing.status, poolCents: 0, members: 0 };

  await putSettings(db, actor, opts.coopId, { ruleSet: 'IT' });
  const entries = await insertEntries(db, opts.coopId, year, coop.category, opts.ensureMemberships ?? [], actor.principal.accountId);
  await openingBalances(db, actor, opts.coopId, `${year}-01-01`);

  const totals = await queryRows<{ kind: ExchangeKind; value: number }>(db, sql`
    SELECT kind, sum(value_cents)::float8 AS value FROM exchange_entries
     WHERE cooperative_id = ${opts.coopId} AND occurred_on >= make_date(${year}::int, 1, 1) AND occurred_on < make_date(${year}::int + 1, 1, 1)
     GROUP BY kind ORDER BY kind`);
  if (totals.length === 0) return { coopId: opts.coopId, year, entries, runId: null, status: null, poolCents: 0, members: 0 };
  const byLine = new Map<StatementLine, number>();
  for (const t of totals) byLine.set(KIND_LINE[t.kind], (byLine.get(KIND_LINE[t.kind]) ?? 0) + t.value);
  // Members 70% of each line this year, 65% the year before: prevailing mutuality both years.
  const lines = (share: number, scale: number) =>
    [...byLine].map(([line, members]) => ({ line, membersCents: Math.round(members * scale), othersCents: Math.round((members * scale * (100 - share)) / share) }));
  await putStatementLines(db, actor, opts.coopId, year - 1, { lines: lines(65, 0.95) });
  await putStatementLines(db, actor, opts.coopId, year, { lines: lines(70, 1) });
  await putWeights(db, actor, opts.coopId, year, {
    items: [
      { kind: 'delivery', grade: 'A', weightBps: 12_000 },
      { kind: 'delivery', grade: 'B', weightBps: 10_000 },
      { kind: 'delivery', grade: 'C', weightBps: 8_000 },
    ],
  });
  const membersValue = totals.reduce((s, t) => s + t.value, 0);
  const surplus = Math.round(membersValue * 0.08);
  const run = await createRun(db, actor, opts.coopId, {
    year,
    surplusCents: surplus,
    incomeTaxesCents: Math.round(surplus * 0.03),
    kinds: totals.map((t) => ({ kind: t.kind, basis: 'value' as const })),
    forms: { cashBps: 6_000, capitalBps: 4_000, instrumentsBps: 0 },
    withholding: true,
    legalReserveBps: 3_000,
  });
  const computed = await computeRun(database, actor, run.id);
  const members = computed.figures?.members ?? 0;
  if (opts.awaitAssembly) return { coopId: opts.coopId, year, entries, runId: computed.id, status: computed.status, poolCents: computed.figures?.allocatedCents ?? 0, members };
  const today = new Date().toISOString().slice(0, 10);
  const assembly = `${year + 1}-04-28` < today ? `${year + 1}-04-28` : today;
  const approved = await approveRun(db, actor, run.id, {
    assemblyDate: assembly,
    assemblyKind: 'ordinaria',
    votesFor: Math.max(1, Math.round(members * 0.42)),
    votesAgainst: Math.round(members * 0.03),
    votesAbstained: Math.round(members * 0.02),
    resolutionText: ristorniMotion(year),
  });
  return { coopId: opts.coopId, year, entries, runId: approved.id, status: approved.status, poolCents: computed.figures?.allocatedCents ?? 0, members };
}

/**
 * The demo accounts' co-ops: the co-op the demo administrator runs and the co-ops of the demo member, each seeded
 * with `seedMutualityDemo` (the demo member always gets exchanges, so their statement exists).
 */
export async function seedMutualityDemoForAccounts(
  database: Database,
  opts: { adminEmail: string; memberEmail: string; year?: number; /** This co-op's run awaits its own assembly. */ awaitAssemblyIn?: string | null },
): Promise<MutualityDemoResult[]> {
  const db = database.db;
  const admin = await queryRows<{ accountId: string; coopId: string }>(db, sql`
    SELECT a.id AS "accountId", g.organisation_id AS "coopId" FROM accounts a JOIN role_grants g ON g.account_id = a.id AND g.role = 'coop_admin'
     WHERE lower(a.email) = lower(${opts.adminEmail})`);
  const member = await queryRows<{ membershipId: string; coopId: string }>(db, sql`
    SELECT m.id AS "membershipId", m.cooperative_id AS "coopId" FROM accounts a JOIN memberships m ON m.person_id = a.person_id
     WHERE lower(a.email) = lower(${opts.memberEmail}) AND m.exit_on IS NULL`);
  const coops = [...new Set([...admin.map((a) => a.coopId), ...member.map((m) => m.coopId)])];
  const out: MutualityDemoResult[] = [];
  for (const coopId of coops) {
    out.push(
      await seedMutualityDemo(database, {
        coopId,
        ...(opts.year ? { year: opts.year } : {}),
        ensureMemberships: member.filter((m) => m.coopId === coopId).map((m) => m.membershipId),
        actorAccountId: admin.find((a) => a.coopId === coopId)?.accountId ?? null,
        awaitAssembly: coopId === opts.awaitAssemblyIn,
      }),
    );
  }
  return out;
}
