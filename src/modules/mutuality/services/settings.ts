// A co-op's mutuality settings: its jurisdiction's rule set (Italy by default) and its per-member capital cap.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../core/db.ts';
import { audit } from '../../../core/audit.ts';
import type { Principal } from '../../../core/http.ts';
import { RULE_SETS, ruleSet, DEFAULT_RULE_SET, type RistorniRuleSet, type RuleSetId, type Currency } from '../domain/index.ts';
import type { SettingsInput } from '../schemas.ts';
import { coopForManaging, coopForReading, type Actor } from './access.ts';

export interface Settings {
  ruleSet: RuleSetId;
  maxMemberCapitalCents: number | null;
  effectiveMemberCapCents: number | null;
  minNominalCents: number | null;
  /** The rule set's currency (ISO 4217): the co-op's amounts are in its cents. */
  currency: Currency;
}

/** The settings of a co-op (defaults when it has none yet); no authorisation. */
export async function settingsOf(db: Db, coopId: string): Promise<Settings & { rs: RistorniRuleSet }> {
  const [row] = await queryRows<{ ruleSet: RuleSetId; max: number | null }>(db, sql`
    SELECT rule_set AS "ruleSet", max_member_capital_cents::float8 AS max FROM mutuality_settings WHERE cooperative_id = ${coopId}`);
  const rs = ruleSet(row?.ruleSet ?? DEFAULT_RULE_SET);
  const max = row?.max ?? null;
  return { rs, ruleSet: rs.id, maxMemberCapitalCents: max, effectiveMemberCapCents: max ?? rs.shares.memberCapCents, minNominalCents: rs.shares.minNominalCents, currency: rs.currency };
}

const view = ({ rs, ...s }: Settings & { rs: RistorniRuleSet }): Settings => (void rs, s);

export async function getSettings(db: Db, p: Principal, coopId: string): Promise<Settings> {
  await coopForReading(db, p, coopId);
  return view(await settingsOf(db, coopId));
}

export async function putSettings(db: Db, actor: Actor, coopId: string, input: SettingsInput): Promise<Settings> {
  await coopForManaging(db, actor.principal, coopId);
  const max = input.maxMemberCapitalCents ?? null;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      INSERT INTO mutuality_settings (cooperative_id, rule_set, max_member_capital_cents) VALUES (${coopId}, ${input.ruleSet}, ${max})
      ON CONFLICT (cooperative_id) DO UPDATE SET rule_set = EXCLUDED.rule_set, max_member_capital_cents = EXCLUDED.max_member_capital_cents, updated_at = now()`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'mutuality.settings', subjectType: 'organisation', subjectId: coopId, organisationId: coopId, requestId: actor.requestId, details: { ruleSet: input.ruleSet, maxMemberCapitalCents: max } });
  });
  return view(await settingsOf(db, coopId));
}

/** The rule sets a co-op may choose, with their forms, defaults and legal basis in words. */
export function listRuleSets() {
  return {
    items: Object.values(RULE_SETS).map((rs) => {
      const d = rs.defaults();
      return {
        id: rs.id,
        name: rs.name,
        description: rs.description,
        currency: rs.currency,
        capitalUnit: rs.capitalUnit,
        forms: rs.forms(),
        defaults: { ...d.forms, withholding: d.withholding, legalReserveBps: d.legalReserveBps },
        legalBasis: Object.fromEntries((['ceiling', 'allocation', 'forms', 'withholding', 'profit', 'approval'] as const).map((t) => [t, rs.explain(t)])),
      };
    }),
  };
}
