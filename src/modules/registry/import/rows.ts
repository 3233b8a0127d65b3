// One spreadsheet row → a validated record, or the list of everything wrong with it. Pure code: the checks that
// need the database (existing members, scope, Albo numbers taken) run per batch in members-batch.ts and
// cooperatives-batch.ts. The rules mirror the CHECK constraints of migrations/0002_registry.sql so that a row that
// passes here never makes a batch fail in the database.
import {
  ALBO_CATEGORIES,
  ALBO_SECTIONS,
  COOPERATIVE_STATUSES,
  EXIT_KINDS,
  GENDERS,
  LEGAL_MODELS,
  MEMBER_TYPES,
  PROVINCES,
  REGIONS,
  SOCIAL_COOP_TYPES,
  isLegalMemberType,
  provinceByCode,
  validateAlboNumber,
  validateAtecoCode,
  validateCompanyFiscalCode,
  validatePec,
  validatePersonFiscalCode,
  type AlboCategory,
  type ExitKind,
  type Gender,
  type MemberType,
} from '../domain/index.ts';
import { columnTitle, normalizeLabel, type ColumnMapping, type CooperativeColumnKey, type MemberColumnKey } from './columns.ts';
import type { Cell, SourceRow } from './source.ts';
import {
  Vocabulary,
  cellText,
  parseBoolCell,
  parseCentsCell,
  parseDateCell,
  parseIntCell,
  parseText,
  splitList,
  type Parsed,
} from './values.ts';

export interface RowError {
  row: number;
  column: string | null;
  value: string | null;
  code: string;
  params?: Record<string, string | number>;
}

export type RowResult<R> = { ok: true; record: R } | { ok: false; errors: RowError[] };

const INT4_MAX = 2_147_483_647;
const MAX_VALUE_REPORTED = 200;

// ---------- vocabularies (code, then every spelling accepted) ----------

const labelled = <C extends string>(list: readonly { code: C; it: string; en: string }[], extra: Partial<Record<C, string[]>> = {}) =>
  new Vocabulary<C>(list.map((e) => [e.code, e.it, e.en, ...(extra[e.code] ?? [])] as const));

export const PERSON_KINDS = new Vocabulary<'natural' | 'legal'>([
  ['natural', 'fisica', 'persona fisica', 'pf', 'individuo', 'natural person', 'individual', 'person'],
  ['legal', 'giuridica', 'persona giuridica', 'pg', 'ente', 'società', 'societa', 'legal person', 'legal entity', 'company', 'organisation', 'organization'],
]);
export const GENDER_WORDS = labelled<Gender>(GENDERS, {
  F: ['femmina', 'femminile', 'donna', 'female', 'woman', 'f'],
  M: ['maschio', 'maschile', 'uomo', 'male', 'man', 'm'],
  X: ['altro', 'non binario', 'non indicato', 'other', 'non-binary', 'nonbinary', 'not stated', 'x'],
});
export const MEMBER_TYPE_WORDS = labelled<MemberType>(MEMBER_TYPES, {
  lavoratore: ['lavoratore', 'lavoratori', 'socio lavoratore', 'worker', 'workers'],
  utente: ['utente', 'utenti', 'consumatore', 'consumatori', 'socio utente', 'socio consumatore', 'user', 'consumer', 'user member', 'consumer member'],
  conferente: ['conferente', 'conferenti', 'conferitore', 'socio conferitore', 'supplier', 'producer', 'delivering member'],
  sovventore: ['sovventore', 'sovventori', 'financing', 'financing member', 'supporter'],
  finanziatore: ['finanziatore', 'finanziatori', 'investor', 'investor member'],
  volontario: ['volontario', 'volontari', 'volunteer', 'volunteers'],
});
export const EXIT_KIND_WORDS = labelled<ExitKind>(EXIT_KINDS, {
  recesso: ['recesso', 'dimissioni', 'withdrawal', 'withdrawn', 'resignation'],
  esclusione: ['esclusione', 'escluso', 'esclusa', 'exclusion', 'expulsion', 'excluded', 'expelled'],
  decesso: ['decesso', 'morte', 'deceduto', 'deceduta', 'death', 'deceased', 'died'],
  trasferimento: ['trasferimento', 'cessione', 'cessione quota', 'trasferimento quota', 'transfer', 'transferred'],
});
export const SECTION_WORDS = labelled(ALBO_SECTIONS, {
  mutualita_prevalente: ['prevalente', 'mutualità prevalente', 'a mutualità prevalente', 'prevailing', 'prevailing mutuality', 'mp'],
  mutualita_non_prevalente: ['non prevalente', 'mutualità non prevalente', 'diversa', 'diverse', 'altre', 'non-prevailing', 'other', 'non prevailing mutuality', 'mnp'],
});
export const CATEGORY_WORDS = new Vocabulary<AlboCategory>(
  ALBO_CATEGORIES.map((e) => {
    const short = e.it.replace(/^(Cooperative|Consorzi e cooperative)\s+(di|della|del)?\s*/i, '');
    const extra: string[] = e.code === 'sociali' ? ['sociale', 'cooperativa sociale'] : e.code === 'altre' ? ['altro', 'other'] : [];
    return [e.code, e.it, e.en, short, ...extra] as const;
  }),
);
export const MODEL_WORDS = labelled(LEGAL_MODELS, {
  spa: ['spa', 's.p.a.', 'società per azioni', 'societa per azioni', 'joint-stock', 'joint stock company'],
  srl: ['srl', 's.r.l.', 'società a responsabilità limitata', 'societa a responsabilita limitata', 'limited liability', 'limited liability company'],
});
export const STATUS_WORDS = labelled(COOPERATIVE_STATUSES, {
  active: ['attiva', 'attivo', 'in attività', 'operativa', 'active'],
  liquidation: ['liquidazione', 'in liquidazione', 'liquidation', 'in liquidation'],
  struck_off: ['cancellata', 'cancellato', 'cessata', "cancellata dall'albo", 'struck off', 'struck-off', 'closed'],
});
export const SOCIAL_TYPE_WORDS = labelled(SOCIAL_COOP_TYPES, {
  A: ['a', 'tipo a'],
  B: ['b', 'tipo b'],
  AB: ['ab', 'a+b', 'a e b', 'a/b', 'misto', 'mista', 'tipo misto', 'mixed'],
});
const REGION_WORDS = new Vocabulary<string>(REGIONS.map((r) => [r.name, r.nameEn, r.code] as const));
const PROVINCE_BY_NAME = new Map<string, string>(PROVINCES.map((p) => [normalizeLabel(p.name), p.code]));

/** Italian words used in exports and the template (round trip: these parse back to the same codes). */
export const ITALIAN_WORD = {
  personKind: { natural: 'fisica', legal: 'giuridica' } as Record<string, string>,
  alboSection: { mutualita_prevalente: 'mutualità prevalente', mutualita_non_prevalente: 'mutualità non prevalente' } as Record<string, string>,
  legalModel: { spa: 'SpA', srl: 'SRL' } as Record<string, string>,
  status: { active: 'Attiva', liquidation: 'In liquidazione', struck_off: 'Cancellata' } as Record<string, string>,
  alboCategory: Object.fromEntries(ALBO_CATEGORIES.map((c) => [c.code, c.it])) as Record<string, string>,
};

export function provinceCode(text: string): string | undefined {
  return provinceByCode(text)?.code ?? PROVINCE_BY_NAME.get(normalizeLabel(text));
}

// ---------- reading one row ----------

/** Cells of one row by column key, collecting errors with the column's header and the offending value. */
class RowReader<K extends string> {
  readonly errors: RowError[] = [];
  readonly row: number;
  private readonly cells: readonly Cell[];
  private readonly mapping: ColumnMapping<K>;

  constructor(row: number, cells: readonly Cell[], mapping: ColumnMapping<K>) {
    this.row = row;
    this.cells = cells;
    this.mapping = mapping;
  }

  has(key: K): boolean {
    return this.mapping.index.has(key);
  }

  cell(key: K): Cell | undefined {
    const i = this.mapping.index.get(key);
    return i === undefined ? undefined : (this.cells[i] ?? null);
  }

  error(key: K | null, code: string, params?: Record<string, string | number>, value?: string | null): void {
    const raw = value !== undefined ? value : key ? cellText(this.cell(key)) : null;
    this.errors.push({
      row: this.row,
      column: key ? columnTitle(this.mapping, key) : null,
      value: raw === null || raw === '' ? null : raw.length > MAX_VALUE_REPORTED ? `${raw.slice(0, MAX_VALUE_REPORTED)}…` : raw,
      code,
      ...(params ? { params } : {}),
    });
  }

  /** The parsed value; undefined when the column is absent, null when empty or invalid (error recorded). */
  take<T>(key: K, parse: (c: Cell | undefined) => Parsed<T | null>): T | null | undefined {
    if (!this.has(key)) return undefined;
    const r = parse(this.cell(key));
    if (!r.ok) {
      this.error(key, r.code, r.params);
      return null;
    }
    return r.value;
  }

  text(key: K, max: number, multiline = false): string | null | undefined {
    return this.take(key, (c) => parseText(c, max, multiline));
  }

  word<C extends string>(key: K, vocab: Vocabulary<C>, code: string): C | null | undefined {
    return this.take<C>(key, (c) => {
      const t = parseText(c, 200);
      if (!t.ok || t.value === null) return t as Parsed<null>;
      const v = vocab.lookup(t.value);
      return v === undefined ? { ok: false, code } : { ok: true, value: v };
    });
  }

  required(key: K): boolean {
    if (!this.has(key)) {
      this.error(key, 'import.value.required', undefined, null);
      return false;
    }
    return true;
  }

  /** Non-empty cells beyond the header's width: data without a column name. */
  checkWidth(): void {
    for (let i = this.mapping.width; i < this.cells.length; i++) {
      const c = this.cells[i];
      if (c !== null && c !== undefined && cellText(c).trim() !== '') {
        this.error(null, 'import.row.extra-cells', undefined, cellText(c));
        return;
      }
    }
  }
}

/** A company tax code typed as a number in Excel loses its leading zeros; give them back. */
function companyCodeText(c: Cell | undefined): Cell | undefined {
  if (typeof c === 'number' && Number.isInteger(c) && c > 0 && c < 1e11) return String(c).padStart(11, '0');
  return c;
}

const isoToday = (): string => new Date().toISOString().slice(0, 10);

// ---------- members ----------

export interface MemberRecord {
  row: number;
  registerNumber: number;
  kind: 'natural' | 'legal';
  codiceFiscale: string;
  givenName: string | null;
  familyName: string | null;
  legalName: string | null;
  gender: Gender | null;
  birthDate: string | null;
  email: string | null;
  phone: string | null;
  comune: string | null;
  province: string | null;
  memberTypes: MemberType[];
  appliedOn: string | null;
  admittedOn: string;
  registeredOn: string | null;
  sharesCount: number | null;
  shareNominalCents: number | null;
  subscribedCents: number | null;
  paidCents: number | null;
  exitKind: ExitKind | null;
  exitOn: string | null;
  exitReason: string | null;
}

export interface MemberRowContext {
  /** The co-op's Albo category: volunteer members only in social co-ops. */
  cooperativeCategory: string | null;
  today?: string;
}

const PHONE = /^\+?[0-9][0-9 ()./-]*$/;

export function validateMemberRow(src: SourceRow, mapping: ColumnMapping<MemberColumnKey>, ctx: MemberRowContext): RowResult<MemberRecord> {
  const r = new RowReader<MemberColumnKey>(src.row, src.cells, mapping);
  const today = ctx.today ?? isoToday();
  r.checkWidth();

  const blank = (k: MemberColumnKey) => cellText(r.cell(k)).trim() === '';
  const registerNumber = r.take('registerNumber', (c) => parseIntCell(c, 1, INT4_MAX));
  if (registerNumber === null && blank('registerNumber')) r.error('registerNumber', 'import.value.required');

  // Dates first: the admission date fixes the century of the birth year read from the fiscal code.
  const admittedOn = r.take('admittedOn', parseDateCell);
  if (admittedOn === null && blank('admittedOn')) r.error('admittedOn', 'import.value.required');
  const appliedOn = r.take('appliedOn', parseDateCell) ?? null;
  let registeredOn = r.take('registeredOn', parseDateCell);
  const exitOn = r.take('exitOn', parseDateCell);

  // Person: kind from the column(s) or from the shape of the fiscal code.
  const cfText = r.take('codiceFiscale', (c) => parseText(companyCodeText(c), 40));
  const cf = cfText ? cfText.replace(/\s+/g, '').toUpperCase() : null;
  if (cf === null && blank('codiceFiscale')) r.error('codiceFiscale', 'import.value.required');
  const declaredKind = r.word('personKind', PERSON_KINDS, 'import.value.person-kind');
  const legalFlag = r.take('legalPerson', parseBoolCell);
  const declared = declaredKind ?? (legalFlag === true ? 'legal' : legalFlag === false ? 'natural' : null);
  const shape = cf === null ? null : cf.length === 16 ? 'natural' : /^(IT)?\d{11}$/.test(cf) ? 'legal' : null;
  const kind = declared ?? shape;
  if (declared && shape && declared !== shape) r.error(declaredKind ? 'personKind' : 'legalPerson', 'import.person-kind.mismatch');

  let codiceFiscale: string | null = null;
  let cfBirth: string | null = null;
  let cfGender: 'F' | 'M' | null = null;
  if (cf !== null) {
    if (kind === 'natural') {
      const ref = admittedOn ?? today;
      const v = validatePersonFiscalCode(cf, ref < today ? ref : today);
      if (v.ok) {
        codiceFiscale = v.normalized;
        cfBirth = v.birthDate;
        cfGender = v.gender;
      } else r.error('codiceFiscale', `import.fiscal-code.${v.reason === 'check_digit' ? 'check' : v.reason}`);
    } else if (kind === 'legal') {
      const v = validateCompanyFiscalCode(cf);
      if (v.ok) codiceFiscale = v.normalized;
      else r.error('codiceFiscale', `import.fiscal-code.${v.reason === 'check_digit' ? 'check' : v.reason}`);
    } else r.error('codiceFiscale', 'import.fiscal-code.length');
  }

  let givenName = r.text('givenName', 150) ?? null;
  let familyName = r.text('familyName', 150) ?? null;
  let legalName = r.text('legalName', 300) ?? null;
  let gender = r.word('gender', GENDER_WORDS, 'import.value.gender') ?? null;
  let birthDate = r.take('birthDate', parseDateCell) ?? null;
  if (kind === 'natural') {
    if (!familyName && blank('familyName')) r.error('familyName', 'import.name.natural-required', undefined, null);
    if (!givenName && blank('givenName')) r.error('givenName', 'import.name.natural-required', undefined, null);
    legalName = null;
    if (cfGender) {
      if (gender === null) gender = cfGender;
      else if (gender !== 'X' && gender !== cfGender) r.error('gender', 'import.gender.mismatch');
    }
    if (cfBirth) {
      if (birthDate === null && blank('birthDate')) birthDate = cfBirth;
      else if (birthDate !== null && birthDate.slice(2) !== cfBirth.slice(2)) r.error('birthDate', 'import.birth-date.mismatch');
    }
    if (birthDate && birthDate > today) r.error('birthDate', 'import.date.future');
    else if (birthDate && admittedOn && birthDate > admittedOn) r.error('birthDate', 'import.birth-date.after-admission');
  } else if (kind === 'legal') {
    if (!legalName && blank('legalName')) r.error('legalName', 'import.name.legal-required', undefined, null);
    givenName = null;
    familyName = null;
    if (gender !== null) r.error('gender', 'import.gender.legal-person');
    if (birthDate !== null) r.error('birthDate', 'import.birth-date.legal-person');
    gender = null;
    birthDate = null;
  }

  const email = r.take('email', (c) => {
    const t = parseText(c, 254);
    if (!t.ok || t.value === null) return t;
    return validatePec(t.value).ok ? t : { ok: false, code: 'import.value.email' };
  }) ?? null;
  const phone = r.take('phone', (c) => {
    const t = parseText(c, 40);
    if (!t.ok || t.value === null) return t;
    const digits = t.value.replace(/\D/g, '').length;
    return PHONE.test(t.value) && digits >= 5 && digits <= 15 ? t : { ok: false, code: 'import.value.phone' };
  }) ?? null;
  const comune = r.text('comune', 100) ?? null;
  const province = r.take('province', (c) => {
    const t = parseText(c, 60);
    if (!t.ok || t.value === null) return t;
    const code = provinceCode(t.value);
    return code ? { ok: true, value: code } : { ok: false, code: 'import.value.province' };
  }) ?? null;

  const memberTypes: MemberType[] = [];
  const typesText = r.text('memberTypes', 500);
  if (typesText) {
    for (const item of splitList(typesText)) {
      const code = MEMBER_TYPE_WORDS.lookup(item);
      if (!code) r.error('memberTypes', 'import.value.member-type', { value: item }, item);
      else if (!memberTypes.includes(code)) memberTypes.push(code);
    }
    const category = ctx.cooperativeCategory ? ({ category: ctx.cooperativeCategory as AlboCategory }) : undefined;
    if (memberTypes.includes('volontario') && category && !isLegalMemberType('volontario', category)) r.error('memberTypes', 'import.member-type.volunteer');
  } else if (typesText === null && blank('memberTypes')) r.error('memberTypes', 'import.value.required');

  if (registeredOn === null && r.has('registeredOn') && blank('registeredOn')) registeredOn = admittedOn;
  if (admittedOn) {
    if (registeredOn && registeredOn < admittedOn) r.error('registeredOn', 'import.date.before-admission');
    if (appliedOn && appliedOn > admittedOn) r.error('appliedOn', 'import.date.applied-after-admission');
    if (exitOn && exitOn < admittedOn) r.error('exitOn', 'import.date.before-admission');
  }

  // Shares and capital (art. 2525 c.c.: a share is worth at least €25). Empty cells in a present column take the
  // register's defaults; absent columns leave existing members' values alone.
  let sharesCount = r.take('sharesCount', (c) => parseIntCell(c, 0, INT4_MAX));
  if (sharesCount === null && r.has('sharesCount') && blank('sharesCount')) sharesCount = 0;
  let shareNominalCents = r.take('shareNominal', parseCentsCell);
  if (shareNominalCents === null && r.has('shareNominal') && blank('shareNominal')) shareNominalCents = 2500;
  if (shareNominalCents !== null && shareNominalCents !== undefined && shareNominalCents < 2500) r.error('shareNominal', 'import.shares.nominal-minimum');
  let subscribedCents = r.take('subscribed', parseCentsCell);
  if (subscribedCents === null && r.has('subscribed') && blank('subscribed')) {
    const computed = (sharesCount ?? 0) * (shareNominalCents ?? 2500);
    if (Number.isSafeInteger(computed)) subscribedCents = computed;
    else r.error('subscribed', 'import.value.money');
  }
  let paidCents = r.take('paid', parseCentsCell);
  if (paidCents === null && r.has('paid') && blank('paid')) paidCents = 0;
  if (typeof paidCents === 'number' && typeof subscribedCents === 'number' && paidCents > subscribedCents) r.error('paid', 'import.shares.paid-exceeds');

  const exitKind = r.word('exitKind', EXIT_KIND_WORDS, 'import.value.exit-kind');
  const exitReason = r.text('exitReason', 1000, true) ?? null;
  if (r.has('exitKind') && r.has('exitOn')) {
    const kindEmpty = blank('exitKind');
    const dateEmpty = blank('exitOn');
    if (kindEmpty && !dateEmpty) r.error('exitKind', 'import.exit.incomplete', undefined, null);
    if (dateEmpty && !kindEmpty) r.error('exitOn', 'import.exit.incomplete', undefined, null);
  }

  if (r.errors.length > 0 || registerNumber == null || admittedOn == null || codiceFiscale === null || kind === null || memberTypes.length === 0) {
    if (r.errors.length === 0) r.error(null, 'import.row.invalid');
    return { ok: false, errors: r.errors };
  }
  return {
    ok: true,
    record: {
      row: src.row,
      registerNumber,
      kind,
      codiceFiscale,
      givenName,
      familyName,
      legalName,
      gender,
      birthDate,
      email,
      phone,
      comune,
      province,
      memberTypes,
      appliedOn,
      admittedOn,
      registeredOn: registeredOn ?? null,
      sharesCount: sharesCount ?? null,
      shareNominalCents: shareNominalCents ?? null,
      subscribedCents: subscribedCents ?? null,
      paidCents: paidCents ?? null,
      exitKind: exitKind ?? null,
      exitOn: exitOn ?? null,
      exitReason,
    },
  };
}

/** The register number and fiscal code of a row, read leniently, for duplicate detection even on rejected rows. */
export function memberKeys(src: SourceRow, mapping: ColumnMapping<MemberColumnKey>): { registerNumber: number | null; codiceFiscale: string | null } {
  const ri = mapping.index.get('registerNumber');
  const ci = mapping.index.get('codiceFiscale');
  const rn = ri === undefined ? null : parseIntCell(src.cells[ri] ?? null, 1, INT4_MAX);
  const cfRaw = ci === undefined ? '' : cellText(companyCodeText(src.cells[ci] ?? null)).replace(/\s+/g, '').toUpperCase();
  return { registerNumber: rn && rn.ok ? rn.value : null, codiceFiscale: cfRaw === '' ? null : cfRaw };
}

// ---------- cooperatives ----------

export interface AssociationRef {
  id: string;
  kind: string;
  name: string;
  shortName: string | null;
}

/** The territorial and sectoral associations, looked up by id, name or short name. */
export class AssociationDirectory {
  private readonly byId = new Map<string, AssociationRef>();
  private readonly byName = new Map<string, AssociationRef[]>();

  constructor(orgs: readonly AssociationRef[]) {
    for (const o of orgs) {
      this.byId.set(o.id.toLowerCase(), o);
      for (const n of new Set([normalizeLabel(o.name), o.shortName ? normalizeLabel(o.shortName) : ''])) {
        if (!n) continue;
        const list = this.byName.get(n) ?? [];
        list.push(o);
        this.byName.set(n, list);
      }
    }
  }

  get(id: string): AssociationRef | undefined {
    return this.byId.get(id.toLowerCase());
  }

  resolve(text: string, kind: 'territorial' | 'sectoral'): Parsed<AssociationRef> {
    const t = text.trim();
    const byId = this.byId.get(t.toLowerCase());
    const candidates = byId ? [byId] : (this.byName.get(normalizeLabel(t)) ?? []);
    const ofKind = candidates.filter((o) => o.kind === kind);
    if (ofKind.length === 1) return { ok: true, value: ofKind[0] as AssociationRef };
    if (ofKind.length > 1) return { ok: false, code: 'import.association.ambiguous' };
    if (candidates.length > 0) return { ok: false, code: kind === 'territorial' ? 'import.association.not-territorial' : 'import.association.not-sectoral' };
    return { ok: false, code: 'import.association.unknown' };
  }
}

export interface CooperativeRecord {
  row: number;
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
  status: string | null;
  socialType: string | null;
  territorialId: string | null;
  /** null when the column is absent (affiliations untouched). */
  sectoralIds: string[] | null;
}

export function validateCooperativeRow(
  src: SourceRow,
  mapping: ColumnMapping<CooperativeColumnKey>,
  directory: AssociationDirectory,
  opts: { today?: string } = {},
): RowResult<CooperativeRecord> {
  const r = new RowReader<CooperativeColumnKey>(src.row, src.cells, mapping);
  const today = opts.today ?? isoToday();
  r.checkWidth();
  const blank = (k: CooperativeColumnKey) => cellText(r.cell(k)).trim() === '';

  const name = r.text('name', 300);
  if (!name && blank('name')) r.error('name', 'import.value.required');

  const company = (c: Cell | undefined): Parsed<string | null> => {
    const t = parseText(companyCodeText(c), 40);
    if (!t.ok || t.value === null) return t;
    const v = validateCompanyFiscalCode(t.value);
    return v.ok ? { ok: true, value: v.normalized } : { ok: false, code: `import.fiscal-code.${v.reason === 'check_digit' ? 'check' : v.reason}` };
  };
  const codiceFiscale = r.take('codiceFiscale', company);
  if (!codiceFiscale && blank('codiceFiscale')) r.error('codiceFiscale', 'import.value.required');
  // Empty: a new co-op gets its codice fiscale (as through the API), an existing one keeps what it has.
  const partitaIva = r.take('partitaIva', company);

  const alboNumber = r.take('alboNumber', (c) => {
    const t = parseText(c, 20);
    if (!t.ok || t.value === null) return t;
    const v = validateAlboNumber(t.value);
    return v.ok ? { ok: true, value: v.normalized } : { ok: false, code: 'import.value.albo-number' };
  });
  const alboDate = r.take('alboDate', parseDateCell);
  const alboSection = r.word('alboSection', SECTION_WORDS, 'import.value.albo-section');
  const alboCategory = r.word('alboCategory', CATEGORY_WORDS, 'import.value.category');
  const legalModel = r.word('legalModel', MODEL_WORDS, 'import.value.legal-model');
  const atecoCode = r.take('atecoCode', (c) => {
    const t = parseText(c, 20);
    if (!t.ok || t.value === null) return t;
    const v = validateAtecoCode(t.value);
    return v.ok ? { ok: true, value: v.normalized } : { ok: false, code: 'import.value.ateco' };
  });
  const comune = r.text('comune', 100);
  const province = r.take('province', (c) => {
    const t = parseText(c, 60);
    if (!t.ok || t.value === null) return t;
    const code = provinceCode(t.value);
    return code ? { ok: true, value: code } : { ok: false, code: 'import.value.province' };
  });
  let region = r.word('region', REGION_WORDS, 'import.value.region');
  const derivedRegion = province ? (provinceByCode(province)?.region ?? null) : null;
  if (region && derivedRegion && region !== derivedRegion) r.error('region', 'import.region.mismatch', { region: derivedRegion });
  if ((region === null || region === undefined) && (r.has('region') || r.has('province')) && blank('region')) region = derivedRegion;
  const pec = r.take('pec', (c) => {
    const t = parseText(c, 254);
    if (!t.ok || t.value === null) return t;
    const v = validatePec(t.value);
    return v.ok ? { ok: true, value: v.normalized } : { ok: false, code: 'import.value.pec' };
  });
  const foundedOn = r.take('foundedOn', parseDateCell);
  if (foundedOn && foundedOn > today) r.error('foundedOn', 'import.date.future');
  if (foundedOn && alboDate && alboDate < foundedOn) r.error('alboDate', 'import.date.albo-before-founded');
  let status = r.word('status', STATUS_WORDS, 'import.value.status');
  if (status === null && r.has('status') && blank('status')) status = 'active';
  const socialType = r.word('socialType', SOCIAL_TYPE_WORDS, 'import.value.social-type');
  if (socialType && alboCategory && alboCategory !== 'sociali') r.error('socialType', 'import.social-type.not-social');

  let territorialId: string | null = null;
  const territorialText = r.text('territorial', 300);
  if (territorialText) {
    const a = directory.resolve(territorialText, 'territorial');
    if (a.ok) territorialId = a.value.id;
    else r.error('territorial', a.code);
  }
  let sectoralIds: string[] | null = null;
  if (r.has('sectors')) {
    sectoralIds = [];
    const text = r.text('sectors', 2000);
    for (const part of text ? splitList(text, /[|;\n]+/) : []) {
      // A name may itself hold a comma; only split on commas when the whole does not resolve.
      const whole = directory.resolve(part, 'sectoral');
      const items = whole.ok || !part.includes(',') ? [part] : splitList(part, /,+/);
      for (const item of items) {
        const a = items.length === 1 ? whole : directory.resolve(item, 'sectoral');
        if (a.ok) {
          if (!sectoralIds.includes(a.value.id)) sectoralIds.push(a.value.id);
        } else r.error('sectors', a.code, undefined, item);
      }
    }
  }

  if (r.errors.length > 0 || !name || !codiceFiscale) {
    if (r.errors.length === 0) r.error(null, 'import.row.invalid');
    return { ok: false, errors: r.errors };
  }
  return {
    ok: true,
    record: {
      row: src.row,
      name,
      codiceFiscale,
      partitaIva: partitaIva ?? null,
      alboNumber: alboNumber ?? null,
      alboDate: alboDate ?? null,
      alboSection: alboSection ?? null,
      alboCategory: alboCategory ?? null,
      legalModel: legalModel ?? null,
      atecoCode: atecoCode ?? null,
      comune: comune ?? null,
      province: province ?? null,
      region: region ?? null,
      pec: pec ?? null,
      foundedOn: foundedOn ?? null,
      status: status ?? null,
      socialType: socialType ?? null,
      territorialId,
      sectoralIds,
    },
  };
}

export function cooperativeKeys(src: SourceRow, mapping: ColumnMapping<CooperativeColumnKey>): { codiceFiscale: string | null; alboNumber: string | null } {
  const ci = mapping.index.get('codiceFiscale');
  const ai = mapping.index.get('alboNumber');
  const cf = ci === undefined ? '' : cellText(companyCodeText(src.cells[ci] ?? null)).replace(/\s+/g, '').toUpperCase().replace(/^IT(?=\d{11}$)/, '');
  const albo = ai === undefined ? '' : cellText(src.cells[ai] ?? null).replace(/\s+/g, '').toUpperCase();
  return { codiceFiscale: cf || null, alboNumber: albo || null };
}
