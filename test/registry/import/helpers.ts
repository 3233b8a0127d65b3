// Shared by the import and export tests: a tiny federation written with SQL (independent of the registry
// service), valid fiscal codes, and CSV files written to a temporary directory.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../../src/core/db.ts';
import { computePersonFiscalCode, computeCompanyCheckDigit } from '../../../src/modules/registry/domain/index.ts';

export interface Federation {
  nationalId: string;
  regionalId: string;
  bolognaId: string;
  modenaId: string;
  socialiId: string;
  produzioneId: string;
  coopId: string;
  otherCoopId: string;
}

async function org(db: Database, kind: string, name: string, parentId: string | null, shortName: string | null = null): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO organisations (kind, name, short_name, parent_id) VALUES ($1, $2, $3, $4) RETURNING id',
    [kind, name, shortName, parentId],
  );
  return (rows[0] as { id: string }).id;
}

export async function seedFederation(db: Database): Promise<Federation> {
  const alliance = await org(db, 'alliance', 'Alleanza delle Cooperative Italiane', null, 'ACI');
  const nationalId = await org(db, 'national', 'Legacoop', alliance, 'LC');
  const regionalId = await org(db, 'regional', 'Legacoop Emilia-Romagna', nationalId, 'LC-ER');
  const bolognaId = await org(db, 'territorial', 'Legacoop Bologna', regionalId, 'LC-BO');
  const modenaId = await org(db, 'territorial', 'Legacoop Estense', regionalId, 'LC-MO');
  const socialiId = await org(db, 'sectoral', 'Legacoopsociali', nationalId, 'LC-SOC');
  const produzioneId = await org(db, 'sectoral', 'Legacoop Produzione e Servizi', nationalId, 'LC-PS');
  const coopId = await org(db, 'cooperative', 'Cooperativa Sociale Il Faro', bolognaId);
  await db.query(`INSERT INTO cooperatives (organisation_id, codice_fiscale, albo_category, province, region) VALUES ($1, $2, 'sociali', 'BO', 'Emilia-Romagna')`, [coopId, companyCode(1)]);
  const otherCoopId = await org(db, 'cooperative', 'Coop Lavoro Modena', modenaId);
  await db.query(`INSERT INTO cooperatives (organisation_id, codice_fiscale, albo_category, province, region) VALUES ($1, $2, 'produzione_e_lavoro', 'MO', 'Emilia-Romagna')`, [otherCoopId, companyCode(2)]);
  return { nationalId, regionalId, bolognaId, modenaId, socialiId, produzioneId, coopId, otherCoopId };
}

/** A valid 11-digit company code derived from n. */
export function companyCode(n: number): string {
  const first10 = String(1000000 + n).padStart(7, '0').slice(-7) + '037';
  return first10 + computeCompanyCheckDigit(first10);
}

const FAMILY = ['Rossi', 'Bianchi', 'Verdi', 'Esposito', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'De Luca'];
const GIVEN_M = ['Marco', 'Luca', 'Giovanni', 'Andrea', 'Paolo', 'Niccolò'];
const GIVEN_F = ['Giulia', 'Chiara', 'Francesca', 'Sara', 'Lucia', 'Bèatrice'];

export interface PersonSample {
  familyName: string;
  givenName: string;
  gender: 'F' | 'M';
  birthDate: string;
  codiceFiscale: string;
}

/** A deterministic, valid natural person for index i (distinct fiscal codes for i < ~10 million). */
export function person(i: number): PersonSample {
  const gender: 'F' | 'M' = i % 2 === 0 ? 'F' : 'M';
  const familyName = FAMILY[i % FAMILY.length] as string;
  const givenName = (gender === 'F' ? GIVEN_F : GIVEN_M)[Math.floor(i / 2) % 6] as string;
  // Spread over birth dates and comuni so the first 15 characters differ.
  const day = 1 + (i % 28);
  const month = 1 + (Math.floor(i / 28) % 12);
  const year = 1940 + (Math.floor(i / 336) % 60);
  const belfiore = `${'ABCDEFGHILM'[Math.floor(i / 20160) % 11]}${String(Math.floor(i / 336 / 60) % 1000).padStart(3, '0')}`;
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const codiceFiscale = computePersonFiscalCode({ familyName, givenName, birthDate, gender, belfiore });
  return { familyName, givenName, gender, birthDate, codiceFiscale };
}

export const MEMBER_HEADER_IT = [
  'Numero socio', 'Codice fiscale', 'Cognome', 'Nome', 'Denominazione', 'Sesso', 'Data di nascita', 'Email', 'Telefono',
  'Comune', 'Provincia', 'Tipi socio', 'Data domanda', 'Data ammissione', 'Data iscrizione', 'Numero quote', 'Valore nominale',
  'Capitale sottoscritto', 'Capitale versato', 'Tipo uscita', 'Data uscita', 'Motivo uscita',
];

const itDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** One member row in the Italian template's order, as an Italian spreadsheet would write it. */
export function memberRow(i: number, opts: { registerNumber?: number; types?: string } = {}): string[] {
  const p = person(i);
  const shares = 1 + (i % 40);
  const sub = shares * 2500;
  return [
    String(opts.registerNumber ?? i + 1), p.codiceFiscale, p.familyName, p.givenName, '', p.gender, itDate(p.birthDate),
    `socio${i}@example.it`, '', 'Bologna', 'BO', opts.types ?? (i % 3 === 0 ? 'lavoratore, utente' : 'lavoratore'), '',
    '15/03/2021', '15/03/2021', String(shares), '25,00', euros(sub), euros(Math.floor(sub / 2)), '', '', '',
  ];
}

/** Cents → "1.234,56". */
export function euros(cents: number): string {
  const s = (cents / 100).toFixed(2).replace('.', ',');
  const [int = '', frac = ''] = s.split(',');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${frac}`;
}

export function csvLine(cells: readonly string[], delimiter = ';'): string {
  return cells.map((c) => (/[";,\r\n\t]/.test(c) || c !== c.trim() ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter);
}

export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), 'coop-import-test-'));
  file(name: string, content: string | Buffer): string {
    const p = join(this.path, name);
    writeFileSync(p, content);
    return p;
  }
  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

export async function count(db: Database, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) x`, params);
  return Number(rows[0]?.n ?? 0);
}
