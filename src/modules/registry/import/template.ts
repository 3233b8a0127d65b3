// The import templates: the export's columns (Italian headers) and one example row, as CSV or XLSX. Because the
// template and the export share their columns, a filled-in template and an export import the same way.
import { PassThrough } from 'node:stream';
import { computeCompanyCheckDigit } from '../domain/index.ts';
import { COOPERATIVE_EXPORT, MEMBER_EXPORT, type CooperativeExportRow, type MemberExportRow } from '../export/columns.ts';
import { csvChunks, writeXlsx } from '../export/writers.ts';
import type { ImportKind } from './columns.ts';

const MEMBER_EXAMPLE: MemberExportRow = {
  registerNumber: 1,
  kind: 'natural',
  codiceFiscale: 'RSSMRA80A01A944I',
  familyName: 'Rossi',
  givenName: 'Mario',
  legalName: null,
  gender: 'M',
  birthDate: '1980-01-01',
  email: 'mario.rossi@example.it',
  phone: '051 1234567',
  comune: 'Bologna',
  province: 'BO',
  memberTypes: ['lavoratore', 'utente'],
  appliedOn: '2024-01-10',
  admittedOn: '2024-02-01',
  registeredOn: '2024-02-01',
  sharesCount: 4,
  shareNominalCents: 2500,
  subscribedCents: 10000,
  paidCents: 5000,
  exitKind: null,
  exitOn: null,
  exitReason: null,
};

const exampleCompanyCode = '0312345037' + computeCompanyCheckDigit('0312345037');

const COOPERATIVE_EXAMPLE: CooperativeExportRow = {
  name: 'Cooperativa Esempio Società Cooperativa',
  codiceFiscale: exampleCompanyCode,
  partitaIva: exampleCompanyCode,
  alboNumber: 'A123456',
  alboDate: '2005-03-01',
  alboSection: 'mutualita_prevalente',
  alboCategory: 'produzione_e_lavoro',
  legalModel: 'srl',
  atecoCode: '43.21',
  comune: 'Bologna',
  province: 'BO',
  region: 'Emilia-Romagna',
  pec: 'cooperativa.esempio@pec.it',
  foundedOn: '2005-01-15',
  status: 'active',
  socialType: null,
  territorial: 'Legacoop Bologna',
  sectors: ['Legacoop Produzione e Servizi'],
};

async function* once<R>(row: R): AsyncGenerator<R[]> {
  yield [row];
}

export async function templateCsv(kind: ImportKind): Promise<string> {
  let out = '';
  const chunks = kind === 'members' ? csvChunks(MEMBER_EXPORT, once(MEMBER_EXAMPLE)) : csvChunks(COOPERATIVE_EXPORT, once(COOPERATIVE_EXAMPLE));
  for await (const c of chunks) out += c;
  return out;
}

export async function templateXlsx(kind: ImportKind): Promise<Buffer> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (b: Buffer) => parts.push(b));
  if (kind === 'members') await writeXlsx(out, 'Libro soci', MEMBER_EXPORT, once(MEMBER_EXAMPLE));
  else await writeXlsx(out, 'Cooperative', COOPERATIVE_EXPORT, once(COOPERATIVE_EXAMPLE));
  return Buffer.concat(parts);
}
