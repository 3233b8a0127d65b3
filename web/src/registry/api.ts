// Shapes and calls of the registry API: organisations, roll-ups, cooperatives, the members' register, imports.
import i18n from 'i18next';
import { api, apiUrl, ApiError, type Problem, type Query } from '../core/api.ts';

export type OrganisationKind = 'alliance' | 'national' | 'regional' | 'territorial' | 'sectoral' | 'cooperative';

export interface OrganisationSummary {
  id: string;
  kind: OrganisationKind;
  name: string;
  shortName: string | null;
  parentId: string | null;
}

export interface OrganisationDetail extends OrganisationSummary {
  children: { id: string; kind: OrganisationKind; name: string }[];
  sectoral: { id: string; kind?: OrganisationKind; name: string }[];
}

export interface Rollup {
  organisationId: string;
  year: number;
  cooperatives: number;
  members: {
    total: number;
    byType: Record<string, number>;
    byGender: { F: number; M: number; X: number; unknown: number };
  };
  employees: { women: number; men: number; other: number; total: number };
  productionValueCents: number;
  shareCapitalSubscribedCents: number;
  shareCapitalPaidCents: number;
}

export interface RollupPoint {
  year: number;
  cooperatives: number;
  members: number;
  employees: number;
  productionValueCents: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type CoopStatus = 'active' | 'liquidation' | 'struck_off';

export interface CooperativeSummary {
  id: string;
  name: string;
  codiceFiscale: string;
  comune: string | null;
  province: string | null;
  alboCategory: string | null;
  status: CoopStatus;
  activeMembers: number;
}

export interface Cooperative {
  id: string;
  name: string;
  codiceFiscale: string;
  partitaIva: string | null;
  alboNumber: string | null;
  alboDate: string | null;
  alboSection: string | null;
  alboCategory: string | null;
  legalModel: string | null;
  atecoCode: string | null;
  comune: string | null;
  province: string | null;
  region: string | null;
  pec: string | null;
  foundedOn: string | null;
  status: CoopStatus;
  socialType: string | null;
  territorialId: string | null;
  sectoralIds: string[];
}

export interface Member {
  id: string;
  personId: string;
  registerNumber: number;
  name: string;
  kind: 'natural' | 'legal';
  codiceFiscale: string | null;
  gender: 'F' | 'M' | 'X' | null;
  memberTypes: string[];
  admittedOn: string;
  registeredOn: string;
  sharesCount: number;
  subscribedCents: number;
  paidCents: number;
  exitKind: string | null;
  exitOn: string | null;
}

export type MemberStatus = 'active' | 'exited' | 'all';
export type MemberSort = 'registerNumber' | 'name' | 'admittedOn';
export type SortOrder = 'asc' | 'desc';

export interface MemberFilters {
  q: string;
  memberType: string;
  status: MemberStatus;
  asOf: string;
  sort: MemberSort;
  order: SortOrder;
}

export interface CoopFilters {
  q: string;
  province: string;
  category: string;
  status: string;
  organisationId: string;
}

export type ImportKind = 'members' | 'cooperatives';
export type ImportMode = 'dry-run' | 'commit';

export interface ImportRowError {
  /** Row as the spreadsheet shows it; null for file-level issues. */
  row: number | null;
  column: string | null;
  value: string | null;
  code: string;
  reason: string;
}

export interface ImportReport {
  kind: ImportKind;
  mode: ImportMode;
  format?: 'csv' | 'xlsx';
  encoding: string;
  /** null for XLSX. */
  delimiter: string | null;
  totalRows: number;
  validRows: number;
  rejectedRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  committed: boolean;
  errors: ImportRowError[];
  /** More errors were found than `errors` lists (the counts stay exact). */
  truncated?: boolean;
  /** File-level notes, e.g. unrecognised columns that were ignored. */
  warnings?: ImportRowError[];
}

export const listOrganisations = (kind?: OrganisationKind): Promise<{ items: OrganisationSummary[] }> =>
  api('/organisations', { query: { kind } });

export const getOrganisation = (id: string): Promise<OrganisationDetail> => api(`/organisations/${encodeURIComponent(id)}`);

export const getRollup = (id: string, year: number): Promise<Rollup> =>
  api(`/organisations/${encodeURIComponent(id)}/rollup`, { query: { year } });

export const getRollupSeries = (id: string, from: number, to: number): Promise<{ items: RollupPoint[] }> =>
  api(`/organisations/${encodeURIComponent(id)}/rollup/series`, { query: { from, to } });

const coopQuery = (f: Partial<CoopFilters>): Query => ({
  q: f.q?.trim(),
  province: f.province,
  category: f.category,
  status: f.status,
  organisationId: f.organisationId,
});

export const listCooperatives = (f: Partial<CoopFilters>, page: number, pageSize: number, signal?: AbortSignal): Promise<Page<CooperativeSummary>> =>
  api('/cooperatives', { query: { ...coopQuery(f), page, pageSize }, signal });

/** A plain download link; `lang` picks the language of the column headers. */
export const cooperativesExportUrl = (f: Partial<CoopFilters>, format: 'csv' | 'xlsx', lang: string): string =>
  apiUrl('/cooperatives/export', { ...coopQuery(f), format, lang });

export const getCooperative = (id: string): Promise<Cooperative> => api(`/cooperatives/${encodeURIComponent(id)}`);

/** The register's filters (what the export also takes; sorting and paging are the listing's own). */
const memberFilterQuery = (f: MemberFilters): Query => ({
  q: f.q.trim(),
  memberType: f.memberType,
  status: f.status,
  asOf: f.asOf,
});

export const listMembers = (coopId: string, f: MemberFilters, page: number, pageSize: number, signal?: AbortSignal): Promise<Page<Member>> =>
  api(`/cooperatives/${encodeURIComponent(coopId)}/members`, {
    query: { ...memberFilterQuery(f), sort: f.sort, order: f.order, page, pageSize },
    signal,
  });

/** A plain download link with the register's current filters. */
export const membersExportUrl = (coopId: string, f: MemberFilters, format: 'csv' | 'xlsx', lang: string): string =>
  apiUrl(`/cooperatives/${encodeURIComponent(coopId)}/members/export`, { ...memberFilterQuery(f), format, lang });

export const importTemplateUrl = (kind: ImportKind, format: 'csv' | 'xlsx', lang: string): string =>
  apiUrl('/imports/template', { kind, format, lang });

export interface ImportProgress {
  /** Bytes of the file read so far, of `total`. */
  done: number;
  total: number;
}

interface ImportJob {
  id: string;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
  progress: { done?: number; total?: number | null };
  report: ImportReport | null;
  problem: Problem | null;
}

const POLL_MS = 700;

/**
 * Runs an import as a background job (a file of millions of rows outlives any HTTP request): uploads the file,
 * then polls the job, reporting progress, until it ends with the report — or with the problem, thrown as an
 * ApiError like any failed request. Aborting the signal cancels the job on the server.
 */
export async function runImport(
  input: { kind: ImportKind; cooperativeId?: string; mode: ImportMode; file: File },
  onProgress?: (p: ImportProgress) => void,
  signal?: AbortSignal,
): Promise<ImportReport> {
  const form = new FormData();
  // Fields before the file, so a streaming server reads them first.
  form.append('kind', input.kind);
  if (input.kind === 'members' && input.cooperativeId) form.append('cooperativeId', input.cooperativeId);
  form.append('mode', input.mode);
  form.append('file', input.file, input.file.name);
  let job = await api<ImportJob>('/import-jobs', { method: 'POST', form, ...(signal ? { signal } : {}) });
  const cancel = () => void api(`/import-jobs/${job.id}/cancel`, { method: 'POST' }).catch(() => undefined);
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    while (job.status === 'running') {
      if (job.progress.done !== undefined && job.progress.total) onProgress?.({ done: job.progress.done, total: job.progress.total });
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      job = await api<ImportJob>(`/import-jobs/${job.id}`);
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
  if (job.status === 'succeeded' && job.report) return job.report;
  throw new ApiError(
    job.problem ?? { type: `/problems/import-${job.status}`, title: i18n.t(`import.job.${job.status}`), status: job.status === 'cancelled' ? 409 : 500 },
  );
}
