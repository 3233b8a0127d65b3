// What an export holds, column by column: the import template's Italian header (so an export re-imports as is),
// the value's type (which decides its CSV text and its XLSX cell) and how to read it from a query row.
import { MEMBER_COLUMNS, COOPERATIVE_COLUMNS, type MemberColumnKey, type CooperativeColumnKey } from '../import/columns.ts';
import { ITALIAN_WORD } from '../import/rows.ts';

export type ExportType = 'text' | 'int' | 'date' | 'money' | 'list';
export type ExportValue = string | number | readonly string[] | null;

export interface ExportColumn<R> {
  header: string;
  type: ExportType;
  width: number;
  /** Joins a list's items (sector names may hold commas, so theirs is " | "). */
  separator?: string;
  get(row: R): ExportValue;
}

/** A member row as the export query returns it. */
export interface MemberExportRow {
  registerNumber: number;
  kind: 'natural' | 'legal';
  codiceFiscale: string | null;
  familyName: string | null;
  givenName: string | null;
  legalName: string | null;
  gender: string | null;
  birthDate: string | null;
  email: string | null;
  phone: string | null;
  comune: string | null;
  province: string | null;
  memberTypes: string[];
  appliedOn: string | null;
  admittedOn: string;
  registeredOn: string;
  sharesCount: number;
  shareNominalCents: number;
  subscribedCents: number;
  paidCents: number;
  exitKind: string | null;
  exitOn: string | null;
  exitReason: string | null;
}

export interface CooperativeExportRow {
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
  status: string;
  socialType: string | null;
  territorial: string | null;
  sectors: string[];
}

const header = (cols: readonly { key: string; it: string }[], key: string): string => (cols.find((c) => c.key === key) as { it: string }).it;
const m = (key: MemberColumnKey, type: ExportType, width: number, get: (r: MemberExportRow) => ExportValue): ExportColumn<MemberExportRow> => ({
  header: header(MEMBER_COLUMNS, key),
  type,
  width,
  get,
});
const c = (key: CooperativeColumnKey, type: ExportType, width: number, get: (r: CooperativeExportRow) => ExportValue): ExportColumn<CooperativeExportRow> => ({
  header: header(COOPERATIVE_COLUMNS, key),
  type,
  width,
  get,
});
const word = (dict: Record<string, string>, v: string | null): string | null => (v === null ? null : (dict[v] ?? v));

export const MEMBER_EXPORT: readonly ExportColumn<MemberExportRow>[] = [
  m('registerNumber', 'int', 10, (r) => r.registerNumber),
  m('personKind', 'text', 11, (r) => word(ITALIAN_WORD.personKind, r.kind)),
  m('codiceFiscale', 'text', 19, (r) => r.codiceFiscale),
  m('familyName', 'text', 18, (r) => r.familyName),
  m('givenName', 'text', 16, (r) => r.givenName),
  m('legalName', 'text', 28, (r) => r.legalName),
  m('gender', 'text', 6, (r) => r.gender),
  m('birthDate', 'date', 12, (r) => r.birthDate),
  m('email', 'text', 28, (r) => r.email),
  m('phone', 'text', 16, (r) => r.phone),
  m('comune', 'text', 18, (r) => r.comune),
  m('province', 'text', 9, (r) => r.province),
  m('memberTypes', 'list', 20, (r) => r.memberTypes),
  m('appliedOn', 'date', 12, (r) => r.appliedOn),
  m('admittedOn', 'date', 12, (r) => r.admittedOn),
  m('registeredOn', 'date', 12, (r) => r.registeredOn),
  m('sharesCount', 'int', 9, (r) => r.sharesCount),
  m('shareNominal', 'money', 12, (r) => r.shareNominalCents),
  m('subscribed', 'money', 14, (r) => r.subscribedCents),
  m('paid', 'money', 14, (r) => r.paidCents),
  m('exitKind', 'text', 14, (r) => r.exitKind),
  m('exitOn', 'date', 12, (r) => r.exitOn),
  m('exitReason', 'text', 28, (r) => r.exitReason),
];

export const COOPERATIVE_EXPORT: readonly ExportColumn<CooperativeExportRow>[] = [
  c('name', 'text', 36, (r) => r.name),
  c('codiceFiscale', 'text', 13, (r) => r.codiceFiscale),
  c('partitaIva', 'text', 13, (r) => r.partitaIva),
  c('alboNumber', 'text', 10, (r) => r.alboNumber),
  c('alboDate', 'date', 12, (r) => r.alboDate),
  c('alboSection', 'text', 24, (r) => word(ITALIAN_WORD.alboSection, r.alboSection)),
  c('alboCategory', 'text', 32, (r) => word(ITALIAN_WORD.alboCategory, r.alboCategory)),
  c('legalModel', 'text', 8, (r) => word(ITALIAN_WORD.legalModel, r.legalModel)),
  c('atecoCode', 'text', 9, (r) => r.atecoCode),
  c('comune', 'text', 18, (r) => r.comune),
  c('province', 'text', 9, (r) => r.province),
  c('region', 'text', 18, (r) => r.region),
  c('pec', 'text', 28, (r) => r.pec),
  c('foundedOn', 'date', 12, (r) => r.foundedOn),
  c('status', 'text', 14, (r) => word(ITALIAN_WORD.status, r.status)),
  c('socialType', 'text', 8, (r) => r.socialType),
  c('territorial', 'text', 26, (r) => r.territorial),
  { ...c('sectors', 'list', 30, (r) => r.sectors), separator: ' | ' },
];
