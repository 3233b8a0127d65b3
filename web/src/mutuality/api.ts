// Shapes and calls of the mutuality API (src/modules/mutuality/schemas.ts): the exchange ledger and its import,
// financial-statement lines and prevailing mutuality, quality weights, ristorni runs and statements, share capital.
// Money is integer cents, dates ISO; explanations come in both languages at once ({ it, en }).
import { api, apiUrl } from '../core/api.ts';

export type Texts = { it: string; en: string };
export type Kind = 'work' | 'purchase' | 'delivery' | 'service' | 'supply';
export const KINDS: readonly Kind[] = ['work', 'purchase', 'delivery', 'service', 'supply'];
export type Line = 'A1' | 'B6' | 'B7' | 'B9';
export const LINES: readonly Line[] = ['A1', 'B6', 'B7', 'B9'];
/** The statement line that measures each kind (art. 2513 c.c.), as the server's domain has it. */
export const KIND_LINE: Readonly<Record<Kind, Line>> = { work: 'B9', purchase: 'A1', service: 'A1', delivery: 'B6', supply: 'B7' };
export type RuleSetId = 'IT' | 'US';
export type RunStatus = 'draft' | 'computed' | 'approved' | 'paid';
export const RUN_STEPS: readonly RunStatus[] = ['draft', 'computed', 'approved', 'paid'];

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const enc = encodeURIComponent;
const coop = (id: string) => `/cooperatives/${enc(id)}`;

// ---------- settings and rule sets ----------

export interface Settings {
  ruleSet: RuleSetId;
  maxMemberCapitalCents: number | null;
  effectiveMemberCapCents: number | null;
  minNominalCents: number | null;
  /** ISO 4217: the co-op's amounts are in its cents. */
  currency: string;
}

export interface RuleSet {
  id: RuleSetId;
  name: Texts;
  description: Texts;
  currency: string;
  capitalUnit: string;
  forms: { form: string; name: Texts; description: Texts }[];
  defaults: { cashBps: number; capitalBps: number; instrumentsBps: number; withholding: boolean; legalReserveBps: number };
  legalBasis: Record<string, Texts>;
}

export const getRuleSets = (): Promise<{ items: RuleSet[] }> => api('/mutuality/rule-sets');
export const getSettings = (coopId: string): Promise<Settings> => api(`${coop(coopId)}/mutuality-settings`);
export const putSettings = (coopId: string, body: { ruleSet: RuleSetId; maxMemberCapitalCents: number | null }): Promise<Settings> =>
  api(`${coop(coopId)}/mutuality-settings`, { method: 'PUT', json: body });

// ---------- exchange ledger ----------

export interface Entry {
  id: number;
  cooperativeId: string;
  membershipId: string;
  registerNumber: number;
  memberName: string;
  kind: Kind;
  occurredOn: string;
  quantity: number | null;
  unit: string | null;
  valueCents: number;
  grade: string | null;
  description: string | null;
  externalRef: string | null;
  reversesId: number | null;
  reason: string | null;
  reversedById: number | null;
  recordedAt: string;
}

export interface EntryList extends Paged<Entry> {
  totalValueCents: number;
}

export interface EntryFilters {
  membershipId?: string | undefined;
  kind?: Kind | undefined;
  year?: number | undefined;
  cooperativeId?: string | undefined;
}

export interface EntryInput {
  membershipId: string;
  kind: Kind;
  occurredOn: string;
  quantity?: number | null;
  unit?: string | null;
  valueCents: number;
  grade?: string | null;
  description?: string | null;
  externalRef?: string | null;
}

export const listEntries = (coopId: string, f: EntryFilters, page: number, pageSize: number, signal?: AbortSignal): Promise<EntryList> =>
  api(`${coop(coopId)}/exchanges`, { query: { membershipId: f.membershipId, kind: f.kind, year: f.year, page, pageSize }, signal });
export const listMyEntries = (f: EntryFilters, page: number, pageSize: number, signal?: AbortSignal): Promise<EntryList> =>
  api('/me/exchanges', { query: { cooperativeId: f.cooperativeId, kind: f.kind, year: f.year, page, pageSize }, signal });
export const recordEntry = (coopId: string, body: EntryInput): Promise<Entry> => api(`${coop(coopId)}/exchanges`, { method: 'POST', json: body });
export const reverseEntry = (coopId: string, entryId: number, reason: string): Promise<Entry> =>
  api(`${coop(coopId)}/exchanges/${entryId}/reversal`, { method: 'POST', json: { reason } });

export interface Summary {
  year: number;
  items: { kind: Kind; entries: number; members: number; valueCents: number; quantity: number }[];
}
export const getSummary = (coopId: string, year: number): Promise<Summary> => api(`${coop(coopId)}/exchanges/summary`, { query: { year } });

export interface ImportIssue {
  row: number | null;
  column: string | null;
  value: string | null;
  code: string;
  reason: string;
}

export interface ExchangeImportReport {
  mode: 'dry-run' | 'commit';
  format: 'csv' | 'xlsx';
  encoding: string;
  delimiter: string | null;
  totalRows: number;
  validRows: number;
  rejectedRows: number;
  inserted: number;
  unchanged: number;
  committed: boolean;
  errors: ImportIssue[];
  truncated: boolean;
  warnings: ImportIssue[];
  durationMs: number;
}

export function importExchanges(coopId: string, mode: 'dry-run' | 'commit', file: File, signal?: AbortSignal): Promise<ExchangeImportReport> {
  const form = new FormData();
  // The mode before the file, so the server has read it when the file streams in.
  form.append('mode', mode);
  form.append('file', file, file.name);
  return api(`${coop(coopId)}/exchanges/import`, { method: 'POST', form, ...(signal ? { signal } : {}) });
}

export const exchangeTemplateUrl = (lang: string): string => apiUrl('/exchanges/template', { lang });

// ---------- financial statements, prevalence, weights ----------

export interface LineFigures {
  line: Line;
  membersCents: number;
  othersCents: number;
}

export const listStatementLines = (coopId: string): Promise<{ items: { year: number; lines: LineFigures[] }[] }> => api(`${coop(coopId)}/financial-statements`);
export const putStatementLines = (coopId: string, year: number, lines: LineFigures[]): Promise<{ year: number; lines: LineFigures[] }> =>
  api(`${coop(coopId)}/financial-statements/${year}`, { method: 'PUT', json: { lines } });

export interface Prevalence {
  year: number;
  lines: (LineFigures & { totalCents: number; percent: number; passes: boolean })[];
  membersCents: number;
  totalCents: number;
  percent: number;
  passes: boolean | null;
  weighted: boolean;
  socialCooperative: boolean;
  explanation: Texts;
  warnings: { code: string; text: Texts }[];
}

export const getPrevalence = (coopId: string, year: number): Promise<Prevalence> => api(`${coop(coopId)}/prevalence/${year}`);
export const getPrevalenceHistory = (coopId: string): Promise<{ items: Prevalence[] }> => api(`${coop(coopId)}/prevalence`);

export interface Weight {
  kind: Kind;
  grade: string;
  weightBps: number;
}
export const getWeights = (coopId: string, year: number): Promise<{ year: number; items: Weight[] }> => api(`${coop(coopId)}/quality-weights/${year}`);
export const putWeights = (coopId: string, year: number, items: Weight[]): Promise<{ year: number; items: Weight[] }> =>
  api(`${coop(coopId)}/quality-weights/${year}`, { method: 'PUT', json: { items } });

// ---------- ristorni runs ----------

export interface Forms {
  cashBps: number;
  capitalBps: number;
  instrumentsBps: number;
}

export interface RunInputs {
  surplusCents: number;
  incomeTaxesCents: number;
  kinds: { kind: Kind; basis: string }[];
  poolCents: number | null;
  forms: Forms;
  withholding: boolean;
  legalReserveBps: number;
  dividendsCents: number;
}

export interface RunInputBody {
  surplusCents: number;
  incomeTaxesCents?: number;
  kinds: { kind: Kind; basis?: 'value' | 'quantity' }[];
  poolCents?: number | null;
  forms?: Forms;
  withholding?: boolean;
  legalReserveBps?: number;
  dividendsCents?: number;
}

export interface KindFigures {
  kind: Kind;
  basis: string;
  line: Line;
  members: number;
  valueCents: number;
  quantityMilli: number;
  weighted: string;
  capsCents: number | null;
  attributableCents: number;
  capCents: number | null;
  ceilingCents: number;
  poolCents: number;
  allocatedCents: number;
  cappedMembers: number;
  cappedCents: number;
  cappedWeighted: string;
  explanation: Texts;
  constraint: Texts | null;
}

export interface Profit {
  surplusCents: number;
  ristorniCents: number;
  incomeTaxesCents: number;
  netProfitCents: number;
  legalReserveCents: number;
  mutualFundsCents: number;
  dividendsCents: number;
  reserveCents: number;
}

export interface FormTotals {
  cashCents: number;
  capitalCents: number;
  capitalShares: number;
  instrumentsCents: number;
  withholdingCents: number;
}

export interface Figures {
  ruleSet: RuleSetId;
  currency: string;
  year: number;
  lines: LineFigures[];
  weights: Weight[];
  kinds: KindFigures[];
  ceiling: { membersLinesCents: number; totalLinesCents: number; attributableCents: number; ceilingCents: number; explanation: Texts };
  poolCents: number;
  allocatedCents: number;
  members: number;
  forms: FormTotals;
  profit: Profit;
  profitExplanation: Texts;
  warnings: { code: string; text: Texts }[];
  explanation: Texts;
}

export interface Approval {
  assemblyDate: string;
  assemblyKind: string;
  votesFor: number;
  votesAgainst: number;
  votesAbstained: number;
  resolutionText: string;
  governanceResolutionId: string | null;
  approvedAt: string;
}

export interface Run {
  id: string;
  cooperativeId: string;
  year: number;
  ruleSet: RuleSetId;
  status: RunStatus;
  inputs: RunInputs;
  figures: Figures | null;
  computedAt: string | null;
  approval: Approval | null;
  paidOn: string | null;
  createdAt: string;
}

export interface RunSummary {
  id: string;
  year: number;
  ruleSet: RuleSetId;
  status: RunStatus;
  poolCents: number | null;
  members: number | null;
  computedAt: string | null;
  paidOn: string | null;
}

/** Typed in for an assembly held off the platform, or a link to a resolution passed in the governance module. */
export type ApprovalInput =
  | { assemblyDate: string; assemblyKind: 'ordinaria' | 'straordinaria'; votesFor: number; votesAgainst: number; votesAbstained: number; resolutionText: string }
  | { governanceResolutionId: string };

export interface PassedResolution {
  itemId: string;
  assemblyId: string;
  assemblyTitle: string;
  itemTitle: string;
  text: string;
  heldOn: string;
  assemblyKind: 'ordinary' | 'extraordinary';
  votesFor: number;
  votesAgainst: number;
  votesAbstained: number;
  resultSha256: string | null;
}
export const approvingResolutions = (runId: string): Promise<{ items: PassedResolution[] }> => api(`/ristorni/${enc(runId)}/resolutions`);

export const listRuns = (coopId: string): Promise<{ items: RunSummary[] }> => api(`${coop(coopId)}/ristorni`);
export const createRun = (coopId: string, body: RunInputBody & { year: number }): Promise<Run> => api(`${coop(coopId)}/ristorni`, { method: 'POST', json: body });
export const getRun = (runId: string): Promise<Run> => api(`/ristorni/${enc(runId)}`);
export const patchRun = (runId: string, body: Partial<RunInputBody>): Promise<Run> => api(`/ristorni/${enc(runId)}`, { method: 'PATCH', json: body });
export const deleteRun = (runId: string): Promise<void> => api(`/ristorni/${enc(runId)}`, { method: 'DELETE' });
export const computeRun = (runId: string): Promise<Run> => api(`/ristorni/${enc(runId)}/compute`, { method: 'POST' });
export const reopenRun = (runId: string): Promise<Run> => api(`/ristorni/${enc(runId)}/reopen`, { method: 'POST' });
export const approveRun = (runId: string, body: ApprovalInput): Promise<Run> => api(`/ristorni/${enc(runId)}/approval`, { method: 'POST', json: body });
export const payRun = (runId: string, paidOn: string): Promise<Run> => api(`/ristorni/${enc(runId)}/payment`, { method: 'POST', json: { paidOn } });

export interface AllocationKind extends FormTotals {
  kind: Kind;
  valueCents: number;
  quantityMilli: number;
  weighted: string;
  capCents: number | null;
  amountCents: number;
}

export interface Allocation extends FormTotals {
  membershipId: string;
  registerNumber: number;
  name: string;
  amountCents: number;
  kinds: AllocationKind[];
}

export const listAllocations = (runId: string, page: number, pageSize: number, signal?: AbortSignal): Promise<Paged<Allocation>> =>
  api(`/ristorni/${enc(runId)}/allocations`, { query: { page, pageSize }, signal });

export interface StatementLine extends AllocationKind {
  capped: boolean;
  pool: { poolCents: number; weighted: string; cappedCents: number; cappedWeighted: string; members: number };
  grades: { grade: string | null; unit: string | null; valueCents: number; quantityMilli: number; weightBps: number }[];
  formula: Texts;
}

export interface Statement {
  runId: string;
  cooperative: { id: string; name: string; codiceFiscale: string };
  year: number;
  status: RunStatus;
  ruleSet: RuleSetId;
  currency: string;
  member: { membershipId: string; registerNumber: number; name: string; natural: boolean; shareNominalCents: number };
  approval: Approval | null;
  paidOn: string | null;
  lines: StatementLine[];
  totals: FormTotals & { amountCents: number; netCashCents: number };
  explanation: Texts[];
}

export const getStatement = (runId: string, membershipId: string): Promise<Statement> => api(`/ristorni/${enc(runId)}/statements/${enc(membershipId)}`);
export const statementPdfUrl = (runId: string, membershipId: string, lang: string): string => apiUrl(`/ristorni/${enc(runId)}/statements/${enc(membershipId)}/pdf`, { lang });

export interface MyRistorno {
  runId: string;
  cooperative: { id: string; name: string };
  membershipId: string;
  year: number;
  status: RunStatus;
  currency: string;
  amountCents: number;
  netCashCents: number;
  capitalCents: number;
}
export const getMyRistorni = (): Promise<{ items: MyRistorno[] }> => api('/me/ristorni');
export const getMyStatement = (runId: string): Promise<Statement> => api(`/me/ristorni/${enc(runId)}`);
export const myStatementPdfUrl = (runId: string, lang: string): string => apiUrl(`/me/ristorni/${enc(runId)}/pdf`, { lang });

// ---------- share capital ----------

export type MovementKind = 'opening' | 'subscription' | 'payment' | 'ristorno' | 'transfer_in' | 'transfer_out' | 'redemption';
export type MovementInputKind = 'subscription' | 'payment' | 'transfer' | 'redemption';

export interface Balance {
  shares: number;
  subscribedCents: number;
  paidCents: number;
  ristorniCents: number;
}

export interface Movement {
  id: number;
  membershipId: string;
  kind: MovementKind;
  occurredOn: string;
  sharesDelta: number;
  subscribedDeltaCents: number;
  paidDeltaCents: number;
  refundCents: number | null;
  counterpartMembershipId: string | null;
  ristorniRunId: string | null;
  note: string | null;
  recordedAt: string;
}

export interface CapitalMembership {
  id: string;
  cooperativeId: string;
  cooperativeName: string;
  registerNumber: number;
  name: string;
  shareNominalCents: number;
  exitOn: string | null;
  currency: string;
}

export interface MembershipCapital {
  membership: CapitalMembership;
  balance: Balance;
  movements: Movement[];
}

export interface CapitalRow extends Balance {
  membershipId: string;
  registerNumber: number;
  name: string;
  exitOn: string | null;
  movements: number;
}

export interface MovementInput {
  kind: MovementInputKind;
  membershipId: string;
  occurredOn: string;
  shares?: number;
  amountCents?: number;
  toMembershipId?: string;
  paidCents?: number;
  refundCents?: number;
  note?: string | null;
}

type Totals3 = { shares: number; subscribedCents: number; paidCents: number };
export interface Reconciliation {
  year: number;
  ledgerAtYearEnd: Totals3;
  registryFigures: { subscribedCents: number; paidCents: number } | null;
  yearEndDifference: { subscribedCents: number; paidCents: number } | null;
  ledgerNow: Totals3;
  registerNow: Totals3;
  mismatches: { count: number; items: { membershipId: string; registerNumber: number; ledger: Totals3; register: Totals3 }[] };
  consistent: boolean;
  explanation: Texts;
}

export const listCapital = (coopId: string, page: number, pageSize: number, signal?: AbortSignal): Promise<Paged<CapitalRow> & { totals: Balance }> =>
  api(`${coop(coopId)}/share-capital`, { query: { page, pageSize }, signal });
export const recordMovement = (coopId: string, body: MovementInput): Promise<{ movements: Movement[]; balance: Balance }> =>
  api(`${coop(coopId)}/share-capital/movements`, { method: 'POST', json: body });
export const openingBalances = (coopId: string, occurredOn: string): Promise<{ created: number }> =>
  api(`${coop(coopId)}/share-capital/opening-balances`, { method: 'POST', json: { occurredOn } });
export const getReconciliation = (coopId: string, year: number): Promise<Reconciliation> => api(`${coop(coopId)}/share-capital/reconciliation`, { query: { year } });
export const getMembershipCapital = (membershipId: string): Promise<MembershipCapital> => api(`/memberships/${enc(membershipId)}/share-capital`);
export const getMyCapital = (): Promise<{ items: { membership: CapitalMembership; balance: Balance }[] }> => api('/me/share-capital');
export const certificatePdfUrl = (membershipId: string, lang: string): string => apiUrl(`/memberships/${enc(membershipId)}/share-certificate`, { lang });
