// Generator of a members' register (libro soci) CSV the way an Italian co-op would export it from a spreadsheet:
// the import template's Italian headers, ";" as delimiter, dates dd/mm/yyyy, amounts "1.234,56", UTF-8.
// Rows are written straight to a file in chunks (with back-pressure), never held in memory; every tax code is a
// valid, unique codice fiscale (an omocode variant is taken when two people would share one).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { it as fakerIt } from '@faker-js/faker';
import { COMUNI, computePersonFiscalCode, computeCompanyCheckDigit, applyOmocodeMask } from '../../src/modules/registry/domain/index.ts';
import { MEMBER_COLUMNS } from '../../src/modules/registry/import/columns.ts';
import { Random } from '../../src/modules/registry/demo/random.ts';
import { FingerprintSet } from '../../src/modules/registry/demo/fingerprint-set.ts';

/** The template's member columns this generator fills, in template order (`legalPerson` is an alias column). */
export const CSV_COLUMNS = MEMBER_COLUMNS.filter((c) => c.key !== 'legalPerson');
export const CSV_HEADER = CSV_COLUMNS.map((c) => c.it);

export interface CsvOptions {
  rows: number;
  seed?: number;
  /** Share of legal-person members (company tax code, legal name). */
  legalShare?: number;
  /** Share of members who have left (exit kind, date and reason filled). */
  exitedShare?: number;
  onProgress?: (rowsWritten: number) => void;
}

export interface CsvInfo {
  path: string;
  rows: number;
  bytes: number;
  seconds: number;
  columns: number;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const DAY_MS = 86_400_000;

function isoOfDay(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}
function itDate(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}
const dayOf = (y: number, m: number, d: number): number => Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);

/** Integer cents as Italian money without the currency sign: 123456 → "1.234,56". */
export function itMoney(cents: number): string {
  const euros = Math.floor(cents / 100);
  const c = cents % 100;
  const s = String(euros);
  let grouped = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) grouped += '.';
    grouped += s[i];
  }
  return `${grouped},${pad2(c)}`;
}

/** A CSV field: quoted only when it has the delimiter, a quote or a line break. */
function field(s: string): string {
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const ascii = (s: string): string =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');

// A consumer co-op's register (no 'volontario': volunteers belong to social co-ops only).
const MEMBER_TYPE_MIX: readonly [string, number][] = [
  ['utente', 0.72],
  ['lavoratore', 0.16],
  ['lavoratore, utente', 0.04],
  ['lavoratore, sovventore', 0.03],
  ['sovventore', 0.03],
  ['conferente', 0.02],
];
const NOMINALS = [2500, 2500, 2500, 5000, 10000, 51600];
const EXITS: readonly [string, string][] = [
  ['Recesso', 'Dimissioni volontarie'],
  ['Recesso', 'Pensionamento'],
  ['Esclusione', 'Mancato versamento della quota'],
  ['Decesso', 'Decesso del socio'],
  ['Trasferimento della quota', 'Cessione della quota ad altro socio'],
];

export async function generateMembersCsv(path: string, o: CsvOptions): Promise<CsvInfo> {
  const t0 = performance.now();
  const rng = new Random(o.seed ?? 20260101, 7);
  const legalShare = o.legalShare ?? 0.01;
  const exitedShare = o.exitedShare ?? 0.12;
  const person = fakerIt.person as unknown as { first_name: { female: string[]; male: string[] }; last_name: { generic: string[] } };
  const female = person.first_name.female;
  const male = person.first_name.male;
  const family = person.last_name.generic;
  const comuni = COMUNI;
  const seen = new FingerprintSet(o.rows);
  const today = Math.floor(Date.now() / DAY_MS);
  const birthFrom = dayOf(1940, 1, 1);
  const birthTo = dayOf(2006, 12, 31);
  const typeCum: number[] = [];
  let acc = 0;
  for (const [, w] of MEMBER_TYPE_MIX) typeCum.push((acc += w));
  const pickType = (): string => {
    const x = rng.next() * acc;
    for (let i = 0; i < typeCum.length; i++) if (x < (typeCum[i] as number)) return (MEMBER_TYPE_MIX[i] as [string, number])[0];
    return 'lavoratore';
  };
  let companySerial = 3_000_000_000;

  const out = createWriteStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let bytes = 0;
  const write = async (s: string): Promise<void> => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(CSV_HEADER.join(';') + '\n');
  let buf: string[] = [];
  for (let i = 1; i <= o.rows; i++) {
    const legal = rng.chance(legalShare);
    const c = rng.pick(comuni);
    const admitted = rng.int(dayOf(1975, 1, 1), today - 1);
    const applied = admitted - rng.int(5, 60);
    const registered = admitted + rng.int(0, 20);
    const nominal = rng.pick(NOMINALS);
    const shares = nominal >= 51600 ? 1 : rng.int(1, 80);
    const subscribed = shares * nominal;
    const paid = rng.chance(0.8) ? subscribed : Math.floor((subscribed * rng.int(0, 9)) / 10 / 100) * 100;
    let exitKind = '';
    let exitOn = '';
    let exitReason = '';
    if (rng.chance(exitedShare) && admitted < today - 2) {
      const e = rng.pick(EXITS);
      exitKind = e[0];
      exitReason = e[1];
      exitOn = itDate(rng.int(Math.max(registered, admitted + 1), today - 1));
    }
    let cols: string[];
    if (legal) {
      const first10 = String(companySerial++).padStart(10, '0');
      const cf = first10 + computeCompanyCheckDigit(first10);
      const familyName = rng.pick(family);
      cols = [String(i), 'Persona giuridica', cf, '', '', `${familyName} ${rng.pick(['S.r.l.', 'S.p.A.', 'Soc. Coop.', 'S.n.c.'])}`, '', '',
        `amministrazione@${ascii(familyName)}${i}.it`, `051 ${rng.int(100000, 999999)}`, c.name, c.province, 'sovventore',
        itDate(applied), itDate(admitted), itDate(registered), String(shares), itMoney(nominal), itMoney(subscribed), itMoney(paid),
        exitKind, exitOn, exitReason];
    } else {
      const gender = rng.chance(0.5) ? 'F' : 'M';
      const givenName = rng.pick(gender === 'F' ? female : male);
      const familyName = rng.pick(family);
      const birthDay = rng.int(birthFrom, Math.min(birthTo, admitted - 16 * 365));
      let cf = computePersonFiscalCode({ familyName, givenName, birthDate: isoOfDay(birthDay), gender, belfiore: c.belfiore });
      for (let mask = 1; !seen.add(cf); mask++) cf = applyOmocodeMask(cf, mask);
      cols = [String(i), 'Persona fisica', cf, familyName, givenName, '', gender, itDate(birthDay),
        `${ascii(givenName)}.${ascii(familyName)}${i}@esempio.it`, `3${rng.int(20, 99)} ${rng.int(1000000, 9999999)}`, c.name, c.province,
        pickType(), itDate(applied), itDate(admitted), itDate(registered), String(shares), itMoney(nominal), itMoney(subscribed),
        itMoney(paid), exitKind, exitOn, exitReason];
    }
    buf.push(cols.map(field).join(';'));
    if (buf.length === 5000) {
      await write(buf.join('\n') + '\n');
      buf = [];
      o.onProgress?.(i);
    }
  }
  if (buf.length) await write(buf.join('\n') + '\n');
  o.onProgress?.(o.rows);
  out.end();
  await once(out, 'finish');
  return { path, rows: o.rows, bytes, seconds: (performance.now() - t0) / 1000, columns: CSV_HEADER.length };
}
