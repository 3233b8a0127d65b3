// Incubator projects: a founding team opens a project, adds co-founders (accounts), ticks each stage's checklist and
// moves stage by stage; eligibility is re-assessed on every read with the self-assessment's rules (the founders are
// the team's accounts, natural persons, plus the firms the project declares).
//
// Who sees a project: its team, the association staff of its territorial association (or of an association above
// it, as for the registry), and platform administrators. Anyone else gets a 404, so a project's existence does not
// leak. Only the team changes it.
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { audit } from '../../../core/audit.ts';
import { conflict, forbidden, invalid, notFound, type FieldError } from '../../../core/errors.ts';
import { isPlatformAdmin, isWithinScope } from '../../registry/index.ts';
import { answerProblems, assess, kindsFor, type Activity, type Answers, type Kind, type MemberGroup, type Recommendation } from '../domain/assessment.ts';
import { CHECKLISTS, STAGES, STAGE_NAMES, canMove, isChecklistItem, type Stage } from '../domain/stages.ts';
import type { Texts } from '../domain/texts.ts';
import { incubatorChecklist, incubatorFounders, incubatorProjects } from '../schema.ts';
import type { ProjectInput } from '../schemas.ts';

export interface Actor {
  principal: Principal;
  requestId: string;
}

interface ProjectRow {
  id: string;
  name: string;
  idea: string;
  atecoCode: string | null;
  kind: Kind;
  activity: Activity;
  memberGroups: MemberGroup[];
  legalPersonFounders: number;
  workersBuyout: boolean;
  plannedWorkers: number | null;
  disadvantagedWorkers: number | null;
  sdgGoals: number[];
  needs: string[];
  territorialId: string;
  territorialName: string;
  stage: Stage;
  createdAt: string;
}

export interface ProjectView extends Omit<ProjectRow, 'createdAt'> {
  createdAt: string;
  team: { accountId: string; displayName: string; role: 'lead' | 'founder' }[];
  stages: { stage: Stage; name: Texts; current: boolean; done: boolean; checklist: { item: string; text: Texts; done: boolean }[] }[];
  eligibility: { founders: number; kindFits: boolean; eligible: boolean; recommendedKinds: Kind[]; recommendation: Recommendation };
  canEdit: boolean;
}

const PROJECT_COLUMNS = sql`p.id, p.name, p.idea, p.ateco_code AS "atecoCode", p.kind, p.activity, p.member_groups AS "memberGroups",
  p.legal_person_founders AS "legalPersonFounders", p.workers_buyout AS "workersBuyout", p.planned_workers AS "plannedWorkers",
  p.disadvantaged_workers AS "disadvantagedWorkers", p.sdg_goals AS "sdgGoals", p.needs, p.territorial_id AS "territorialId",
  o.name AS "territorialName", p.stage, p.created_at AS "createdAt"`;

async function isTeam(db: Db, projectId: string, accountId: string): Promise<boolean> {
  const rows = await queryRows<{ ok: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM incubator_founders WHERE project_id = ${projectId} AND account_id = ${accountId}) AS ok`);
  return Boolean(rows[0]?.ok);
}

async function isStaffOf(db: Db, p: Principal, territorialId: string): Promise<boolean> {
  if (isPlatformAdmin(p)) return true;
  for (const g of p.grants) {
    if (g.role === 'association_staff' && g.organisationId && (await isWithinScope(db, g.organisationId, territorialId))) return true;
  }
  return false;
}

/** The project if the principal may see it (team, staff of its association, platform admin), else a 404. */
async function readable(db: Db, p: Principal, id: string): Promise<{ row: ProjectRow; team: boolean }> {
  const [row] = await queryRows<ProjectRow>(db, sql`SELECT ${PROJECT_COLUMNS} FROM incubator_projects p JOIN organisations o ON o.id = p.territorial_id WHERE p.id = ${id}`);
  if (!row) throw notFound('incubator.project-not-found');
  const team = await isTeam(db, id, p.accountId);
  if (!team && !(await isStaffOf(db, p, row.territorialId))) throw notFound('incubator.project-not-found');
  return { row, team };
}

async function writable(db: Db, p: Principal, id: string): Promise<ProjectRow> {
  const { row, team } = await readable(db, p, id);
  // Staff follow a project but the team runs it: a 403, since staff may see that it exists.
  if (!team) throw forbidden();
  return row;
}

function answersOf(row: ProjectRow, teamSize: number): Answers {
  return {
    members: row.memberGroups,
    founders: teamSize + row.legalPersonFounders,
    legalPersonFounders: row.legalPersonFounders,
    activity: row.activity,
    workersBuyout: row.workersBuyout,
    plannedWorkers: row.plannedWorkers ?? undefined,
    disadvantagedWorkers: row.disadvantagedWorkers ?? undefined,
  };
}

function eligibilityOf(row: ProjectRow, teamSize: number): ProjectView['eligibility'] {
  const answers = answersOf(row, teamSize);
  const result = assess(answers, row.kind);
  const recommendation = result.recommendations.find((r) => r.kind === row.kind) as Recommendation;
  const recommendedKinds = kindsFor(answers);
  const kindFits = recommendedKinds.includes(row.kind);
  return { founders: answers.founders, kindFits, eligible: kindFits && recommendation.eligible, recommendedKinds, recommendation };
}

async function view(db: Db, row: ProjectRow, team: boolean): Promise<ProjectView> {
  const members = await queryRows<{ accountId: string; displayName: string; role: 'lead' | 'founder' }>(db, sql`
    SELECT f.account_id AS "accountId", a.display_name AS "displayName", f.role
      FROM incubator_founders f JOIN accounts a ON a.id = f.account_id
     WHERE f.project_id = ${row.id} ORDER BY f.role = 'lead' DESC, f.added_at, a.display_name`);
  const done = await queryRows<{ stage: string; item: string }>(db, sql`SELECT stage, item FROM incubator_checklist WHERE project_id = ${row.id}`);
  const doneSet = new Set(done.map((d) => `${d.stage}/${d.item}`));
  const current = STAGES.indexOf(row.stage);
  return {
    ...row,
    createdAt: new Date(row.createdAt).toISOString(),
    team: members,
    stages: STAGES.map((stage, i) => ({
      stage,
      name: STAGE_NAMES[stage],
      current: i === current,
      done: i < current,
      checklist: CHECKLISTS[stage].map((c) => ({ item: c.item, text: c.text, done: doneSet.has(`${stage}/${c.item}`) })),
    })),
    eligibility: eligibilityOf(row, members.length),
    canEdit: team,
  };
}

function inputProblems(input: ProjectInput): FieldError[] {
  const fields: FieldError[] = [];
  // Cross-field rules shared with the self-assessment (the team's size is not known yet: count the lead).
  const answers: Answers = {
    members: input.members,
    founders: 1 + (input.legalPersonFounders ?? 0),
    legalPersonFounders: input.legalPersonFounders ?? 0,
    activity: input.activity,
    workersBuyout: input.workersBuyout ?? false,
    plannedWorkers: input.plannedWorkers,
    disadvantagedWorkers: input.disadvantagedWorkers,
  };
  for (const pr of answerProblems(answers)) if (pr.field !== 'legalPersonFounders') fields.push({ field: `body/${pr.field}`, code: pr.code });
  if (new Set(input.sdgGoals ?? []).size !== (input.sdgGoals ?? []).length) fields.push({ field: 'body/sdgGoals', code: 'incubator.sdg-repeated' });
  return fields;
}

/** Opens a project; the signed-in account becomes its lead founder. */
export async function createProject(db: Db, actor: Actor, input: ProjectInput): Promise<ProjectView> {
  const fields = inputProblems(input);
  const [org] = await queryRows<{ kind: string }>(db, sql`SELECT kind FROM organisations WHERE id = ${input.territorialId}`);
  if (!org || org.kind !== 'territorial') fields.push({ field: 'body/territorialId', code: 'incubator.territorial-required' });
  if (fields.length > 0) throw invalid(fields);
  const accountId = actor.principal.accountId;
  const id = await db.transaction(async (tx) => {
    const [p] = await tx
      .insert(incubatorProjects)
      .values({
        name: input.name.trim(),
        idea: input.idea.trim(),
        atecoCode: input.atecoCode ?? null,
        kind: input.kind,
        activity: input.activity,
        memberGroups: input.members,
        legalPersonFounders: input.legalPersonFounders ?? 0,
        workersBuyout: input.workersBuyout ?? false,
        plannedWorkers: input.plannedWorkers ?? null,
        disadvantagedWorkers: input.disadvantagedWorkers ?? null,
        sdgGoals: [...(input.sdgGoals ?? [])].sort((a, b) => a - b),
        needs: input.needs ?? [],
        territorialId: input.territorialId,
        createdBy: accountId,
      })
      .returning({ id: incubatorProjects.id });
    const projectId = (p as { id: string }).id;
    await tx.insert(incubatorFounders).values({ projectId, accountId, role: 'lead', addedBy: accountId });
    await audit(tx, { actorAccountId: accountId, action: 'incubator.project.create', subjectType: 'incubator_project', subjectId: projectId, organisationId: input.territorialId, requestId: actor.requestId, details: { kind: input.kind } });
    return projectId;
  });
  return getProject(db, actor.principal, id);
}

export async function getProject(db: Db, p: Principal, id: string): Promise<ProjectView> {
  const { row, team } = await readable(db, p, id);
  return view(db, row, team);
}

/** The projects the principal may see: their own and, for staff, those of the associations in their scope. */
export async function listProjects(db: Db, p: Principal): Promise<{ items: { id: string; name: string; kind: Kind; stage: Stage; territorialName: string; team: boolean }[] }> {
  const admin = isPlatformAdmin(p);
  const staffRoots = p.grants.filter((g) => g.role === 'association_staff' && g.organisationId).map((g) => g.organisationId as string);
  const items = await queryRows<{ id: string; name: string; kind: Kind; stage: Stage; territorialName: string; team: boolean }>(db, sql`
    SELECT p.id, p.name, p.kind, p.stage, o.name AS "territorialName",
           EXISTS (SELECT 1 FROM incubator_founders f WHERE f.project_id = p.id AND f.account_id = ${p.accountId}) AS team
      FROM incubator_projects p JOIN organisations o ON o.id = p.territorial_id
     WHERE ${admin}
        OR EXISTS (SELECT 1 FROM incubator_founders f WHERE f.project_id = p.id AND f.account_id = ${p.accountId})
        OR EXISTS (SELECT 1 FROM organisation_closure c
                    WHERE c.descendant_id = p.territorial_id AND c.ancestor_id = ANY (${`{${staffRoots.join(',')}}`}::uuid[]))
     ORDER BY p.created_at DESC, p.id`);
  return { items };
}

/** Adds a co-founder by the e-mail of their account (team only). */
export async function addFounder(db: Db, actor: Actor, id: string, email: string): Promise<ProjectView> {
  const row = await writable(db, actor.principal, id);
  const [account] = await queryRows<{ id: string }>(db, sql`SELECT id FROM accounts WHERE lower(email) = lower(${email.trim()})`);
  if (!account) throw invalid([{ field: 'body/email', code: 'incubator.account-unknown' }]);
  if (await isTeam(db, id, account.id)) throw conflict('incubator.already-founder', [{ field: 'body/email', code: 'incubator.already-founder' }]);
  await db.transaction(async (tx) => {
    await tx.insert(incubatorFounders).values({ projectId: id, accountId: account.id, role: 'founder', addedBy: actor.principal.accountId });
    await tx.update(incubatorProjects).set({ updatedAt: new Date() }).where(eq(incubatorProjects.id, id));
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'incubator.founder.add', subjectType: 'incubator_project', subjectId: id, organisationId: row.territorialId, requestId: actor.requestId, details: { accountId: account.id } });
  });
  return getProject(db, actor.principal, id);
}

/** Ticks or unticks a checklist item of the current or an earlier stage (team only). */
export async function setChecklistItem(db: Db, actor: Actor, id: string, stage: Stage, item: string, done: boolean): Promise<ProjectView> {
  const row = await writable(db, actor.principal, id);
  if (!isChecklistItem(stage, item)) throw notFound('incubator.checklist-item-not-found');
  if (STAGES.indexOf(stage) > STAGES.indexOf(row.stage)) throw conflict('incubator.stage-not-reached', [{ field: 'params/stage', code: 'incubator.stage-not-reached' }]);
  await db.transaction(async (tx) => {
    if (done) await tx.insert(incubatorChecklist).values({ projectId: id, stage, item, doneBy: actor.principal.accountId }).onConflictDoNothing();
    else await tx.delete(incubatorChecklist).where(and(eq(incubatorChecklist.projectId, id), eq(incubatorChecklist.stage, stage), eq(incubatorChecklist.item, item)));
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'incubator.checklist', subjectType: 'incubator_project', subjectId: id, organisationId: row.territorialId, requestId: actor.requestId, details: { stage, item, done } });
  });
  return getProject(db, actor.principal, id);
}

const MOVE_MESSAGES = { 'not-next': 'incubator.stage-not-next', 'checklist-open': 'incubator.checklist-open', 'not-eligible': 'incubator.not-eligible' } as const;

/** Moves the project to the next stage when the current checklist is complete (and, from the deed on, eligible). */
export async function moveStage(db: Db, actor: Actor, id: string, target: Stage): Promise<ProjectView> {
  const row = await writable(db, actor.principal, id);
  const done = await queryRows<{ item: string }>(db, sql`SELECT item FROM incubator_checklist WHERE project_id = ${id} AND stage = ${row.stage}`);
  const [{ n: teamSize } = { n: 0 }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM incubator_founders WHERE project_id = ${id}`);
  const refusal = canMove(row.stage, target, new Set(done.map((d) => d.item)), eligibilityOf(row, teamSize).eligible);
  if (refusal) throw conflict(MOVE_MESSAGES[refusal], [{ field: 'body/stage', code: MOVE_MESSAGES[refusal] }]);
  await db.transaction(async (tx) => {
    // Guarded by the stage read above, so two concurrent moves cannot both advance.
    const moved = await tx
      .update(incubatorProjects)
      .set({ stage: target, updatedAt: new Date() })
      .where(and(eq(incubatorProjects.id, id), eq(incubatorProjects.stage, row.stage)))
      .returning({ id: incubatorProjects.id });
    if (moved.length === 0) throw conflict('incubator.stage-not-next', [{ field: 'body/stage', code: 'incubator.stage-not-next' }]);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'incubator.stage', subjectType: 'incubator_project', subjectId: id, organisationId: row.territorialId, requestId: actor.requestId, details: { from: row.stage, to: target } });
  });
  return getProject(db, actor.principal, id);
}

/** Co-ops founded through the incubator, by kind (projects linked to a co-op of the registry). */
export async function bornByKind(db: Db): Promise<Map<Kind, number>> {
  const rows = await queryRows<{ kind: Kind; n: number }>(db, sql`SELECT kind, count(*)::int AS n FROM incubator_projects WHERE cooperative_id IS NOT NULL GROUP BY kind`);
  return new Map(rows.map((r) => [r.kind, r.n]));
}
