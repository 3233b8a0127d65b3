// Incubator use cases. The public ones need no principal: the self-assessment is pure computation on the answers,
// and the kinds' figures are aggregate counts of the registry (the Albo itself is public).
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../core/db.ts';
import { invalid } from '../../core/errors.ts';
import { cooperatives } from '../registry/index.ts';
import { answerProblems, assess, KINDS, KIND_CATEGORIES, KIND_EXPLANATIONS, KIND_NAMES, RULES, RULE_IDS, type Answers, type Assessment, type Kind, type RuleId } from './domain/assessment.ts';
import type { Texts } from './domain/texts.ts';
import type { AnswersInput } from './schemas.ts';
import { bornByKind } from './services/projects.ts';

/** The self-assessment: cross-field mistakes are 400s naming the field, then the rules. */
export function selfAssessment(input: AnswersInput): Assessment {
  const answers: Answers = { ...input, legalPersonFounders: input.legalPersonFounders ?? 0, workersBuyout: input.workersBuyout ?? false };
  const problems = answerProblems(answers);
  if (problems.length > 0) throw invalid(problems.map((p) => ({ field: `body/${p.field}`, code: p.code })));
  return assess(answers);
}

export interface KindFigures {
  kind: Kind;
  name: { it: string; en: string };
  explanation: { it: string; en: string };
  alboCategories: string[];
  socialTypes: string[];
  activeCooperatives: number | null;
  byProvince: { province: string | null; count: number }[];
  bornThroughIncubator: number;
}

/**
 * Each kind with its explanation and the registry's active co-ops of that kind by province, counted through the
 * mapping kind → Albo categories (and social type for social co-ops) of KIND_CATEGORIES. One grouped read.
 */
export async function kindsWithFigures(db: Db): Promise<{ items: KindFigures[]; rules: { id: RuleId; article: Texts; title: Texts }[] }> {
  const rows = await db
    .select({ category: cooperatives.alboCategory, socialType: cooperatives.socialType, province: cooperatives.province, n: sql<number>`count(*)::int` })
    .from(cooperatives)
    .where(and(eq(cooperatives.status, 'active'), sql`${cooperatives.alboCategory} IS NOT NULL`))
    .groupBy(cooperatives.alboCategory, cooperatives.socialType, cooperatives.province);
  const born = await bornThroughIncubator(db);
  const items = KINDS.map((kind): KindFigures => {
    const { categories, socialTypes = [] } = KIND_CATEGORIES[kind];
    const byProvince = new Map<string | null, number>();
    let total = 0;
    for (const r of rows) {
      if (!r.category || !categories.includes(r.category)) continue;
      if (socialTypes.length > 0 && (!r.socialType || !socialTypes.includes(r.socialType))) continue;
      total += r.n;
      byProvince.set(r.province, (byProvince.get(r.province) ?? 0) + r.n);
    }
    return {
      kind,
      name: KIND_NAMES[kind],
      explanation: KIND_EXPLANATIONS[kind],
      alboCategories: [...categories],
      socialTypes: [...socialTypes],
      activeCooperatives: categories.length === 0 ? null : total,
      byProvince: [...byProvince].map(([province, count]) => ({ province, count })).sort((a, b) => b.count - a.count || String(a.province).localeCompare(String(b.province))),
      bornThroughIncubator: born.get(kind) ?? 0,
    };
  });
  return { items, rules: RULE_IDS.map((id) => ({ id, ...RULES[id] })) };
}

/**
 * Co-ops founded through the incubator, by kind: projects linked to a registry co-op. Nothing sets that link yet
 * (founding → registry is a later slice of issue 8), so these are 0 until it does.
 */
const bornThroughIncubator = bornByKind;
