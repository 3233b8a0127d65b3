// The demo federation generator. The association tree and the co-ops are planned in memory (a few thousand rows);
// people, memberships and yearly figures are generated co-op by co-op and written with COPY in batches, each batch
// in its own transaction, so memory stays flat from 3,000 to 3,000,000 members. PostgreSQL writes one batch while
// the next one is generated. Everything is drawn from one seeded generator: the same seed gives the same federation.
import type { Database, SqlRunner } from '../../../core/db.ts';
import {
  COMUNI,
  MEMBER_TYPES,
  PROVINCES,
  applyOmocodeMask,
  computePersonFiscalCode,
  generateCompanyFiscalCode,
  type AlboCategory,
  type Comune,
  type MemberType,
  type ProvinceCode,
  type SocialCoopType,
} from '../domain/index.ts';
import { refreshMemberStats } from '../stats.ts';
import {
  CATEGORY_PROFILES,
  COASTAL_COMUNI,
  DEMO_REGION,
  DEMO_SECTORS,
  DEMO_TERRITORIES,
  EXIT_REASONS,
  FOREIGN_BIRTHPLACES,
  PROVINCE_WEIGHTS,
  SOCIAL_ATECO,
  UPPER_ASSOCIATIONS,
  YEAR_INDEX,
  type CategoryProfile,
  type SectorKey,
} from './catalogue.ts';
import { dayOf, dayOfYmd, isoOf, yearOf } from './dates.ts';
import { FingerprintSet } from './fingerprint-set.ts';
import { NamePools, asciiSlug, cooperativeName, firmName } from './names.ts';
import { Random, Weighted } from './random.ts';

export const DEFAULT_COOPS = 1_250;
export const DEFAULT_MEMBERS = 150_000;
export const MAX_MEMBERS = 3_000_000;
export const DEFAULT_SEED = 2026;
/** The register is generated up to this date (clamped to today), so the same seed gives the same data any day. */
export const DEFAULT_AS_OF = '2026-06-30';
/** Years with yearly figures. */
export const FIGURE_YEARS: readonly number[] = [2020, 2021, 2022, 2023, 2024, 2025];

export interface DemoProgress {
  phase: 'organisations' | 'members' | 'stats' | 'accounts' | 'done';
  /** Memberships written so far (members phase), else steps done. */
  done: number;
  total: number;
}

export interface GenerateOptions {
  coops: number;
  members: number;
  seed: number | string;
  asOf: string;
  /** Memberships per COPY batch (each batch also carries its people). */
  batchSize: number;
  onProgress?: ((p: DemoProgress) => void) | undefined;
}

/** What the bulk phase produced, and the candidates for the demo accounts. */
export interface GeneratedFederation {
  organisations: number;
  cooperatives: number;
  people: number;
  memberships: number;
  exited: number;
  territoryIds: Record<string, string>;
  sectorIds: Record<SectorKey, string>;
  /** A natural person with two open memberships in co-ops of different categories. */
  memberCandidate: { personId: string; name: string; coopIds: [string, string] } | null;
  /** An active co-op with a few hundred members, for the co-op administrator. */
  adminCoop: { id: string; name: string; openMembers: number } | null;
}

const TYPE_CODES: readonly MemberType[] = MEMBER_TYPES.map((t) => t.code);
const TYPE_INDEX = new Map<MemberType, number>(TYPE_CODES.map((c, i) => [c, i]));

interface CoopPlan {
  index: number;
  id: string;
  name: string;
  category: AlboCategory;
  profile: CategoryProfile;
  province: ProvinceCode;
  comune: Comune;
  territoryId: string;
  sectors: SectorKey[];
  codiceFiscale: string;
  founded: number;
  status: 'active' | 'liquidation' | 'struck_off';
  socialType: SocialCoopType | null;
  size: number;
  giant: boolean;
  pec: string;
  /** Open memberships at the end (filled while generating). */
  openMembers: number;
}

/** Per-year accumulators of one co-op's register (index = year - first figure year). */
interface YearTotals {
  byType: Int32Array[];
  members: Int32Array;
  workers: Int32Array;
  subscribed: Float64Array;
  paid: Float64Array;
}

// --- CSV -----------------------------------------------------------------------------------------------------------

/** A CSV field: empty (NULL) for null/undefined, quoted when it holds a quote, comma or line break. */
function f(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const COPY_PEOPLE =
  'COPY people (id, kind, given_name, family_name, legal_name, codice_fiscale, birth_date, gender, email, phone, comune, province) FROM STDIN WITH (FORMAT csv)';
const COPY_MEMBERSHIPS =
  'COPY memberships (id, cooperative_id, person_id, register_number, member_types, applied_on, admitted_on, registered_on, shares_count, share_nominal_cents, subscribed_cents, paid_cents, exit_kind, exit_on, exit_reason) FROM STDIN WITH (FORMAT csv)';
const COPY_FIGURES =
  'COPY yearly_figures (cooperative_id, year, members_by_type, employees_women, employees_men, employees_other, production_value_cents, share_capital_subscribed_cents, share_capital_paid_cents) FROM STDIN WITH (FORMAT csv)';

// --- the generator ---------------------------------------------------------------------------------------------------

/** Shared people: natural persons who may join a second or third co-op. */
const RESERVOIR_SIZE = 40_000;
const SHARE_PROBABILITY = 0.07;

export async function generateFederation(database: Database, opts: GenerateOptions): Promise<GeneratedFederation> {
  const gen = new Generator(database, opts);
  return gen.run();
}

class Generator {
  private readonly rng: Random;
  private readonly names = new NamePools();
  private readonly asOf: number;
  private readonly asOfYear: number;
  private readonly taxCodes: FingerprintSet;
  private readonly coops: CoopPlan[] = [];
  private readonly coopByIndex: CoopPlan[] = [];
  /** people id of a co-op that is itself a member somewhere (consortia, financing members). */
  private readonly coopAsPerson = new Map<number, string>();

  // birthplace and residence pools
  private readonly erComuni: Comune[];
  private readonly comuniByProvince = new Map<string, Comune[]>();
  private readonly otherItalian: Comune[];
  private readonly foreign = new Weighted(FOREIGN_BIRTHPLACES);
  private readonly provinceName = new Map<string, string>(PROVINCES.map((p) => [p.code, p.name]));
  private readonly emailDomains = ['example.org', 'example.com', 'example.net'];

  // reservoir of shared people (parallel arrays)
  private readonly resId: (string | undefined)[] = new Array(RESERVOIR_SIZE);
  private readonly resBirth = new Int32Array(RESERVOIR_SIZE);
  private readonly resUses = new Uint8Array(RESERVOIR_SIZE);
  private readonly resLastCoop = new Int32Array(RESERVOIR_SIZE).fill(-1);
  private readonly resOpenCoop = new Int32Array(RESERVOIR_SIZE).fill(-1);
  private readonly resName: string[] = new Array(RESERVOIR_SIZE);
  private resFill = 0;
  /** People the current co-op has put in the reservoir (capped, so a giant co-op does not fill it alone). */
  private offeredHere = 0;

  // batch buffers
  private peopleRows: string[] = [];
  private memberRows: string[] = [];
  private figureRows: string[] = [];
  private pending: Promise<void> | null = null;
  private flushError: unknown = null;
  private written = 0;

  // counters
  private peopleCount = 0;
  private membershipCount = 0;
  private exitedCount = 0;
  private memberCandidate: GeneratedFederation['memberCandidate'] = null;

  private readonly database: Database;
  private readonly opts: GenerateOptions;

  constructor(database: Database, opts: GenerateOptions) {
    this.database = database;
    this.opts = opts;
    this.rng = new Random(opts.seed);
    this.rng.setClock(Date.parse(`${opts.asOf}T00:00:00Z`));
    this.asOf = dayOf(opts.asOf);
    this.asOfYear = yearOf(this.asOf);
    this.taxCodes = new FingerprintSet(Math.min(opts.members, MAX_MEMBERS) + opts.coops * 2);
    const erCodes = new Set(PROVINCES.filter((p) => p.region === DEMO_REGION).map((p) => p.code as string));
    this.erComuni = COMUNI.filter((c) => erCodes.has(c.province));
    this.otherItalian = COMUNI.filter((c) => !erCodes.has(c.province));
    for (const c of this.erComuni) {
      const list = this.comuniByProvince.get(c.province) ?? [];
      list.push(c);
      this.comuniByProvince.set(c.province, list);
    }
    for (const [p] of PROVINCE_WEIGHTS) {
      if (!this.comuniByProvince.get(p)?.length) throw new Error(`the domain's comuni sample has no comune in province ${p}`);
    }
  }

  async run(): Promise<GeneratedFederation> {
    const { onProgress } = this.opts;
    onProgress?.({ phase: 'organisations', done: 0, total: 1 });
    const { territoryIds, sectorIds, organisations } = await this.writeOrganisations();
    onProgress?.({ phase: 'organisations', done: 1, total: 1 });

    onProgress?.({ phase: 'members', done: 0, total: this.opts.members });
    for (const coop of this.coops) await this.generateCoop(coop);
    await this.flush(true);

    onProgress?.({ phase: 'stats', done: 0, total: 1 });
    await this.database.rawTransaction(async (tx) => {
      await refreshMemberStats(tx, 'all');
    });
    await this.analyze();
    onProgress?.({ phase: 'stats', done: 1, total: 1 });

    const adminCoop = this.pickAdminCoop();
    return {
      organisations,
      cooperatives: this.coops.length,
      people: this.peopleCount,
      memberships: this.membershipCount,
      exited: this.exitedCount,
      territoryIds,
      sectorIds,
      memberCandidate: this.memberCandidate,
      adminCoop,
    };
  }

  // --- organisations and co-ops ----------------------------------------------------------------------------------

  private async writeOrganisations(): Promise<{ territoryIds: Record<string, string>; sectorIds: Record<SectorKey, string>; organisations: number }> {
    const rng = this.rng;
    const ids = new Map<string, string>();
    const orgRows: string[] = [];
    for (const a of [...UPPER_ASSOCIATIONS, ...DEMO_TERRITORIES, ...DEMO_SECTORS]) {
      const id = rng.uuid7();
      ids.set(a.key, id);
      orgRows.push([id, a.kind, f(a.name), f(a.shortName), a.parent ? ids.get(a.parent) : ''].join(','));
    }
    const territoryOf = new Map<string, string>();
    for (const t of DEMO_TERRITORIES) for (const p of t.provinces) territoryOf.set(p, ids.get(t.key) as string);

    this.planCooperatives(territoryOf);

    const coopRows: string[] = [];
    const sectorRows: string[] = [];
    const alboNumbers = new Set<number>();
    for (const c of this.coops) {
      orgRows.push([c.id, 'cooperative', f(c.name), '', c.territoryId].join(','));
      let albo: number;
      do albo = rng.int(100_001, 239_999);
      while (alboNumbers.has(albo));
      alboNumbers.add(albo);
      const alboDay =
        c.founded < dayOfYmd(2005, 1, 1) ? dayOfYmd(2005, 1, 3) + rng.int(0, 170) : Math.min(this.asOf, c.founded + rng.int(20, 120));
      const prevalent = c.category === 'sociali' || !rng.chance(c.profile.nonPrevalent);
      const legalModel = c.size < 20 ? (rng.chance(0.7) ? 'srl' : 'spa') : c.size < 60 && rng.chance(0.25) ? 'srl' : 'spa';
      const ateco = c.socialType ? rng.pick(SOCIAL_ATECO[c.socialType]) : rng.pick(c.profile.ateco);
      coopRows.push(
        [
          c.id,
          c.codiceFiscale,
          c.codiceFiscale,
          `A${albo}`,
          isoOf(alboDay),
          prevalent ? 'mutualita_prevalente' : 'mutualita_non_prevalente',
          c.category,
          legalModel,
          ateco,
          f(c.comune.name),
          c.province,
          DEMO_REGION,
          c.pec,
          isoOf(c.founded),
          c.status,
          c.socialType ?? '',
        ].join(','),
      );
      for (const s of c.sectors) sectorRows.push(`${c.id},${ids.get(s)}`);
    }
    await this.database.rawTransaction(async (tx) => {
      await tx.copyFrom('COPY organisations (id, kind, name, short_name, parent_id) FROM STDIN WITH (FORMAT csv)', orgRows.join('\n') + '\n');
      await tx.copyFrom(
        'COPY cooperatives (organisation_id, codice_fiscale, partita_iva, albo_number, albo_date, albo_section, albo_category, legal_model, ateco_code, comune, province, region, pec, founded_on, status, social_type) FROM STDIN WITH (FORMAT csv)',
        coopRows.join('\n') + '\n',
      );
      await tx.copyFrom('COPY cooperative_sectors (cooperative_id, sectoral_id) FROM STDIN WITH (FORMAT csv)', sectorRows.join('\n') + '\n');
    });
    const territoryIds: Record<string, string> = {};
    for (const t of DEMO_TERRITORIES) territoryIds[t.key] = ids.get(t.key) as string;
    const sectorIds = {} as Record<SectorKey, string>;
    for (const s of DEMO_SECTORS) sectorIds[s.key] = ids.get(s.key) as string;
    return { territoryIds, sectorIds, organisations: orgRows.length };
  }

  /** Categories, places, founding dates and register sizes of all co-ops. */
  private planCooperatives(territoryOf: Map<string, string>): void {
    const rng = this.rng;
    const n = this.opts.coops;
    const categories = allocateCategories(n);
    rng.shuffle(categories);
    // The first consumer co-ops become the giants that hold most of the members (as the big Coops do).
    const consumers = categories.filter((c) => c === 'consumo').length;
    let giantsLeft = consumers === 0 ? 0 : Math.max(1, Math.round(consumers * 0.25));
    const provinces = new Weighted(PROVINCE_WEIGHTS);
    const coastal = this.erComuni.filter((c) => COASTAL_COMUNI.includes(c.name));
    const usedNames = new Set<string>();
    const usedPec = new Set<string>();
    for (let i = 0; i < n; i++) {
      const category = categories[i] as AlboCategory;
      const profile = CATEGORY_PROFILES[category];
      const giant = category === 'consumo' && giantsLeft-- > 0;
      let comune: Comune;
      if (category === 'pesca' && coastal.length > 0) comune = rng.pick(coastal);
      else {
        const list = this.comuniByProvince.get(provinces.sample(rng)) as Comune[];
        // the provincial capital (first in the sample) hosts about half of a province's co-ops
        comune = rng.chance(0.45) ? (list[0] as Comune) : rng.pick(list);
      }
      const province = comune.province;
      const provinceName = this.provinceName.get(province) ?? province;
      let name = cooperativeName(category, comune.name, provinceName, rng, giant);
      for (let tries = 0; usedNames.has(name) && tries < 20; tries++) name = cooperativeName(category, comune.name, provinceName, rng, giant);
      if (usedNames.has(name)) {
        const base = name;
        for (let k = 2; usedNames.has(name); k++) name = `${base} ${k}`;
      }
      usedNames.add(name);
      let codiceFiscale: string;
      do codiceFiscale = generateCompanyFiscalCode(() => rng.next());
      while (!this.taxCodes.add(codiceFiscale));
      const sectors: SectorKey[] = [profile.sector];
      if (profile.secondSector && rng.chance(profile.secondSector.p)) sectors.push(profile.secondSector.key);
      const year = giant
        ? rng.int(1890, 1965)
        : rng.chance(profile.founded.historic)
          ? rng.int(1890, 1945)
          : rng.int(profile.founded.from, this.asOfYear - 1);
      const founded = Math.min(dayOfYmd(year, 1, 1) + rng.int(0, 364), this.asOf - 200);
      const statusDraw = rng.next();
      const status = giant || statusDraw >= 0.07 ? 'active' : statusDraw < 0.03 ? 'struck_off' : 'liquidation';
      const socialType: SocialCoopType | null = category === 'sociali' ? (rng.chance(0.58) ? 'A' : rng.chance(0.85) ? 'B' : 'AB') : null;
      let pecLocal = pecName(name);
      for (let k = 2; usedPec.has(pecLocal); k++) pecLocal = `${pecLocal.replace(/\d+$/, '')}${k}`;
      usedPec.add(pecLocal);
      const coop: CoopPlan = {
        index: i,
        id: rng.uuid7(),
        name,
        category,
        profile,
        province,
        comune,
        territoryId: territoryOf.get(province) as string,
        sectors,
        codiceFiscale,
        founded,
        status,
        socialType,
        size: 0,
        giant,
        pec: `${pecLocal}@pec.example.org`,
        openMembers: 0,
      };
      this.coops.push(coop);
      this.coopByIndex[i] = coop;
    }
    this.allocateSizes();
  }

  /**
   * Register sizes: every co-op draws a "natural" size from its category; when those together exceed half of the
   * requested memberships they are scaled down; the giants (large consumer co-ops) share the rest by a Zipf law.
   * The sizes add up exactly to the requested number of memberships.
   */
  private allocateSizes(): void {
    const rng = this.rng;
    const total = this.opts.members;
    const ordinary = this.coops.filter((c) => !c.giant);
    const giants = this.coops.filter((c) => c.giant);
    const natural = ordinary.map((c) => {
      const s = c.profile.size;
      const x = rng.logNormal(s.median, s.sigma);
      // above the category's ceiling: somewhere in its top 30%, so no two co-ops sit exactly on it
      return Math.max(s.min, Math.round(x > s.max ? s.max * (0.7 + 0.3 * rng.next()) : x));
    });
    const naturalSum = natural.reduce((a, b) => a + b, 0);
    const target = giants.length === 0 ? total : Math.min(naturalSum, Math.floor(total * 0.5));
    const floor = Math.max(1, Math.min(9, Math.floor(target / Math.max(1, ordinary.length))));
    const scale = target / Math.max(1, naturalSum);
    ordinary.forEach((c, i) => {
      c.size = Math.max(floor, Math.round((natural[i] as number) * scale));
    });
    // fix rounding so ordinary sizes add up to the target exactly (largest registers absorb the difference)
    let diff = target - ordinary.reduce((a, c) => a + c.size, 0);
    const bySize = [...ordinary].sort((a, b) => b.size - a.size || a.index - b.index);
    for (let k = 0; diff !== 0 && bySize.length > 0; k = (k + 1) % bySize.length) {
      const c = bySize[k] as CoopPlan;
      if (diff > 0) {
        c.size++;
        diff--;
      } else if (c.size > floor) {
        c.size--;
        diff++;
      } else if (k === bySize.length - 1 && bySize.every((x) => x.size <= floor)) break;
    }
    const rest = total - ordinary.reduce((a, c) => a + c.size, 0);
    if (giants.length > 0) {
      const weights = giants.map((_, k) => 1 / Math.pow(k + 1, 1.1));
      const wsum = weights.reduce((a, b) => a + b, 0);
      let given = 0;
      giants.forEach((c, k) => {
        c.size = Math.floor((rest * (weights[k] as number)) / wsum);
        given += c.size;
      });
      for (let k = 0; given < rest; k = (k + 1) % giants.length, given++) (giants[k] as CoopPlan).size++;
    }
  }

  // --- people and memberships ------------------------------------------------------------------------------------

  private async generateCoop(coop: CoopPlan): Promise<void> {
    const rng = this.rng;
    const p = coop.profile;
    const size = coop.size;
    if (size <= 0) return;
    const typeCombos = new Weighted(p.memberTypes);
    const nominals = new Weighted(p.nominal);
    const nominal = nominals.sample(rng); // one share value per co-op, as the statute fixes it
    const years = FIGURE_YEARS.length;
    const totals: YearTotals = {
      byType: Array.from({ length: years }, () => new Int32Array(TYPE_CODES.length)),
      members: new Int32Array(years),
      workers: new Int32Array(years),
      subscribed: new Float64Array(years),
      paid: new Float64Array(years),
    };
    const firstYear = FIGURE_YEARS[0] as number;
    // Admissions run from the founding (or 40 years back for old co-ops) to the reference date, in order.
    const windowStart = Math.max(coop.founded, this.asOf - 40 * 365);
    const founders = coop.founded >= windowStart ? Math.min(size, rng.int(3, 12)) : 0;
    const span = this.asOf - windowStart;
    const rest = size - founders;
    let u = 0;
    this.offeredHere = 0;
    const legalHere = new Set<number>(); // co-ops already in this register as legal-person members
    const reusedHere = new Set<number>();

    for (let i = 0; i < size; i++) {
      let admitted: number;
      if (i < founders) admitted = coop.founded;
      else {
        // next order statistic of `rest` uniform draws (sequential method), bent slightly towards recent years
        const k = i - founders;
        u = 1 - (1 - u) * Math.pow(1 - rng.next(), 1 / (rest - k));
        admitted = windowStart + Math.min(span, Math.max(founders > 0 ? 1 : 0, Math.round(Math.pow(u, 0.85) * span)));
      }
      const isLegal = rng.chance(p.legalPersons);
      let types = typeCombos.sample(rng);
      if (isLegal && (types.includes('lavoratore') || types.includes('volontario'))) types = ['sovventore'];

      // exit: the longer the membership, the likelier it has ended
      const tenure = (this.asOf - admitted) / 365.25;
      let exitOn: number | null = null;
      if (tenure > 0.3 && rng.chance(Math.min(0.6, 0.0085 * tenure + 0.01))) {
        exitOn = admitted + 30 + Math.floor(rng.next() * Math.max(1, this.asOf - admitted - 30));
        if (exitOn > this.asOf) exitOn = this.asOf;
      }

      // the person
      let personId: string;
      let birth = 0;
      let reusedSlot = -1;
      let newPerson: { id: string; birth: number; name: string } | null = null;
      if (isLegal) {
        personId = this.legalPerson(coop, legalHere);
      } else {
        reusedSlot = rng.chance(SHARE_PROBABILITY) ? this.pickShared(coop.index, admitted, reusedHere) : -1;
        if (reusedSlot >= 0) {
          personId = this.resId[reusedSlot] as string;
          birth = this.resBirth[reusedSlot] as number;
        } else {
          const person = this.naturalPerson(coop, admitted);
          personId = person.id;
          birth = person.birth;
          newPerson = person;
        }
      }

      let exitKind: 'recesso' | 'esclusione' | 'decesso' | 'trasferimento' | null = null;
      if (exitOn !== null) {
        const age = isLegal ? 0 : (exitOn - birth) / 365.25;
        const r = rng.next();
        if (age > 78) exitKind = r < 0.6 ? 'decesso' : r < 0.85 ? 'recesso' : 'trasferimento';
        else if (age > 55) exitKind = r < 0.12 ? 'decesso' : r < 0.78 ? 'recesso' : r < 0.9 ? 'esclusione' : 'trasferimento';
        else exitKind = r < 0.72 ? 'recesso' : r < 0.86 ? 'esclusione' : 'trasferimento';
        // legal persons do not die, and people with another membership are not made to (it would close both)
        if (exitKind === 'decesso' && (isLegal || reusedSlot >= 0)) exitKind = 'recesso';
      }
      // a new person may later join another co-op, unless this membership ended with their death
      if (newPerson && exitKind !== 'decesso') this.offerShared(newPerson.id, newPerson.birth, newPerson.name, coop.index, exitOn === null);

      // shares
      let capital = rng.logNormal(p.capital.median, p.capital.sigma);
      if (types.includes('sovventore') || types.includes('finanziatore')) capital *= 6;
      if (isLegal) capital *= 3;
      if (types.length === 1 && types[0] === 'volontario') capital = 0;
      const shares = Math.max(1, Math.round((capital * 100) / nominal));
      const subscribed = shares * nominal;
      const recent = this.asOf - admitted < 730;
      const paid = rng.chance(recent ? 0.4 : 0.08) ? Math.floor((subscribed * (0.1 + 0.8 * rng.next())) / 100) * 100 : subscribed;

      const applied = i < founders ? null : admitted - rng.int(7, 60);
      const registered = Math.min(this.asOf, admitted + (i < founders ? 0 : rng.int(0, 20)));
      this.memberRows.push(
        [
          rng.uuid7(),
          coop.id,
          personId,
          i + 1,
          types.length === 1 ? `{${types[0]}}` : `"{${types.join(',')}}"`,
          applied === null ? '' : isoOf(applied),
          isoOf(admitted),
          isoOf(registered),
          shares,
          nominal,
          subscribed,
          paid,
          exitKind ?? '',
          exitOn === null ? '' : isoOf(exitOn),
          exitKind ? f(rng.pick(EXIT_REASONS[exitKind])) : '',
        ].join(','),
      );
      this.membershipCount++;
      if (exitOn !== null) this.exitedCount++;
      else coop.openMembers++;

      // year-end totals, as refreshMemberStats counts them: admitted by 31 Dec and not exited by then
      const yIn = yearOf(admitted);
      const yOut = exitOn === null ? Infinity : yearOf(exitOn);
      for (let y = 0; y < years; y++) {
        const year = firstYear + y;
        if (yIn <= year && year < yOut) {
          totals.members[y] = (totals.members[y] as number) + 1;
          const byType = totals.byType[y] as Int32Array;
          for (const t of types) byType[TYPE_INDEX.get(t) as number] = (byType[TYPE_INDEX.get(t) as number] as number) + 1;
          if (types.includes('lavoratore')) totals.workers[y] = (totals.workers[y] as number) + 1;
          totals.subscribed[y] = (totals.subscribed[y] as number) + subscribed;
          totals.paid[y] = (totals.paid[y] as number) + paid;
        }
      }

      // the demo member: someone in two co-ops of different kinds, both memberships open
      if (reusedSlot >= 0 && exitOn === null && this.memberCandidate === null) {
        const other = this.resOpenCoop[reusedSlot] as number;
        const otherCoop = other >= 0 ? this.coopByIndex[other] : undefined;
        if (otherCoop && otherCoop.category !== coop.category && this.resUses[reusedSlot] === 2) {
          this.memberCandidate = { personId, name: this.resName[reusedSlot] as string, coopIds: [otherCoop.id, coop.id] };
          this.resId[reusedSlot] = undefined; // no third membership for the demo member
        }
      }
      // three memberships are enough for anyone: free the slot
      if (reusedSlot >= 0 && (this.resUses[reusedSlot] as number) >= 3) this.resId[reusedSlot] = undefined;

      if (this.memberRows.length >= this.opts.batchSize) await this.flush(false);
    }
    this.figureRows.push(...this.yearlyFigures(coop, totals));
  }

  /** A new natural person with a valid, unique codice fiscale. */
  private naturalPerson(coop: CoopPlan, admitted: number): { id: string; gender: 'F' | 'M'; birth: number; name: string } {
    const rng = this.rng;
    const p = coop.profile;
    const gender: 'F' | 'M' = rng.chance(p.women.members) ? 'F' : 'M';
    const givenName = this.names.given(rng, gender);
    const familyName = this.names.familyName(rng);
    let age = p.age.mean + p.age.sd * rng.normal();
    age = Math.min(80, Math.max(18.2, age));
    let birth = Math.round(admitted - age * 365.25);
    // nobody over 95 (a codice fiscale only has two digits for the year: a centenarian would read as a child)
    const oldest = this.asOf - Math.round(95 * 365.25);
    if (birth < oldest) birth = oldest + rng.int(0, 3000);
    if (admitted - birth < 18 * 365.25) birth = Math.floor(admitted - 18.5 * 365.25);
    // birthplace: mostly Emilia-Romagna, some from the rest of Italy, some born abroad (more among younger workers)
    const r = rng.next();
    const foreignShare = age < 45 && (p.memberTypes[0]?.[0]?.[0] === 'lavoratore' || coop.category === 'sociali') ? 0.16 : 0.07;
    let belfiore: string;
    if (r < foreignShare) belfiore = this.foreign.sample(rng);
    else if (r < foreignShare + 0.13) belfiore = rng.pick(this.otherItalian).belfiore;
    else if (rng.chance(0.55)) belfiore = rng.pick(this.comuniByProvince.get(coop.province) as Comune[]).belfiore;
    else belfiore = rng.pick(this.erComuni).belfiore;
    let cf = '';
    for (let attempt = 0; ; attempt++) {
      const base = computePersonFiscalCode({ familyName, givenName, birthDate: isoOf(birth), gender, belfiore });
      if (this.taxCodes.add(base)) {
        cf = base;
        break;
      }
      // omocodia: the Agenzia replaces digits with letters from the right until the code is free
      for (let mask = 1; mask < 128 && !cf; mask = mask * 2 + 1) {
        const omo = applyOmocodeMask(base, mask);
        if (this.taxCodes.add(omo)) cf = omo;
      }
      for (let mask = 2; mask < 128 && !cf; mask++) {
        const omo = applyOmocodeMask(base, mask);
        if (this.taxCodes.add(omo)) cf = omo;
      }
      if (cf) break;
      birth += 1 + attempt; // astronomically unlikely: every omocode taken; move the birthday
    }
    const residence = rng.chance(0.85) ? rng.pick(this.comuniByProvince.get(coop.province) as Comune[]) : rng.pick(this.erComuni);
    const email = rng.chance(0.6)
      ? `${asciiSlug(givenName)}.${asciiSlug(familyName)}${rng.chance(0.6) ? rng.int(1, 99) : ''}@${rng.pick(this.emailDomains)}`
      : null;
    const phone = rng.chance(0.45) ? `+39 3${rng.int(20, 93)} ${String(rng.int(0, 9_999_999)).padStart(7, '0')}` : null;
    const id = rng.uuid7();
    this.peopleRows.push(
      [id, 'natural', f(givenName), f(familyName), '', cf, isoOf(birth), gender, f(email), f(phone), f(residence.name), residence.province].join(','),
    );
    this.peopleCount++;
    return { id, gender, birth, name: `${givenName} ${familyName}` };
  }

  /** A legal-person member: another co-op of the federation (consortia, financing co-ops) or a firm. */
  private legalPerson(coop: CoopPlan, legalHere: Set<number>): string {
    const rng = this.rng;
    const wantsCoop = coop.category === 'consorzi_cooperativi' || rng.chance(0.3);
    if (wantsCoop && this.coops.length > 1) {
      for (let attempt = 0; attempt < 6; attempt++) {
        const other = rng.int(0, this.coops.length - 1);
        if (other === coop.index || legalHere.has(other)) continue;
        legalHere.add(other);
        const known = this.coopAsPerson.get(other);
        if (known) return known;
        const o = this.coopByIndex[other] as CoopPlan;
        const id = rng.uuid7();
        this.coopAsPerson.set(other, id);
        this.peopleRows.push([id, 'legal', '', '', f(o.name), o.codiceFiscale, '', '', o.pec, '', f(o.comune.name), o.province].join(','));
        this.peopleCount++;
        return id;
      }
    }
    let code: string;
    do code = generateCompanyFiscalCode(() => rng.next());
    while (!this.taxCodes.add(code));
    const name = firmName(coop.category, this.names, rng);
    const residence = rng.pick(this.comuniByProvince.get(coop.province) as Comune[]);
    const email = rng.chance(0.5) ? `amministrazione@${asciiSlug(name).slice(0, 24)}.example.com` : null;
    const id = rng.uuid7();
    this.peopleRows.push([id, 'legal', '', '', f(name), code, '', '', f(email), '', f(residence.name), residence.province].join(','));
    this.peopleCount++;
    return id;
  }

  /** Offers a new person to the reservoir of people who may join another co-op later. */
  private offerShared(id: string, birth: number, name: string, coopIndex: number, open: boolean): void {
    const rng = this.rng;
    if (this.offeredHere >= RESERVOIR_SIZE / 8) return;
    this.offeredHere++;
    let slot: number;
    if (this.resFill < RESERVOIR_SIZE) slot = this.resFill++;
    else if (rng.chance(0.25)) slot = rng.int(0, RESERVOIR_SIZE - 1);
    else return;
    this.resId[slot] = id;
    this.resBirth[slot] = birth;
    this.resUses[slot] = 1;
    this.resLastCoop[slot] = coopIndex;
    this.resOpenCoop[slot] = open ? coopIndex : -1;
    this.resName[slot] = name;
  }

  /** A person from the reservoir who can join this co-op on `admitted` (adult, not already in it), or -1. */
  private pickShared(coopIndex: number, admitted: number, reusedHere: Set<number>): number {
    if (this.resFill === 0) return -1;
    for (let attempt = 0; attempt < 3; attempt++) {
      const slot = this.rng.int(0, this.resFill - 1);
      if (this.resId[slot] === undefined || this.resLastCoop[slot] === coopIndex || reusedHere.has(slot)) continue;
      if (admitted - (this.resBirth[slot] as number) < 18 * 365.25 + 30) continue;
      reusedHere.add(slot);
      this.resLastCoop[slot] = coopIndex;
      this.resUses[slot] = (this.resUses[slot] as number) + 1;
      return slot;
    }
    return -1;
  }

  // --- yearly figures ---------------------------------------------------------------------------------------------

  private yearlyFigures(coop: CoopPlan, totals: YearTotals): string[] {
    const rng = this.rng;
    const p = coop.profile;
    const rows: string[] = [];
    const foundedYear = yearOf(coop.founded);
    const productivity = rng.logNormal(1, 0.3);
    const staffing = rng.logNormal(1, 0.2);
    const womenShare = Math.min(0.95, Math.max(0.02, p.women.employees + 0.08 * rng.normal()));
    FIGURE_YEARS.forEach((year, y) => {
      if (year < foundedYear) return;
      const members = totals.members[y] as number;
      const workers = totals.workers[y] as number;
      const jitter = 1 + 0.03 * rng.normal();
      const employees = Math.max(
        0,
        Math.round((p.employees.base + p.employees.perWorker * workers + p.employees.perOther * (members - workers)) * staffing * jitter),
      );
      const women = Math.round(employees * womenShare);
      const byType: Record<string, number> = {};
      (totals.byType[y] as Int32Array).forEach((count, t) => {
        if (count > 0) byType[TYPE_CODES[t] as string] = count;
      });
      const value = Math.round(
        employees * p.employees.valuePerEmployee * productivity * (YEAR_INDEX[year] ?? 1) * (1 + 0.04 * rng.normal()) * 100,
      );
      rows.push(
        [
          coop.id,
          year,
          f(JSON.stringify(byType)),
          women,
          employees - women,
          0,
          Math.max(0, value),
          totals.subscribed[y],
          totals.paid[y],
        ].join(','),
      );
    });
    return rows;
  }

  // --- writing ------------------------------------------------------------------------------------------------------

  /** Starts writing the buffered rows (one transaction); waits for the previous batch first, and all when `last`. */
  private async flush(last: boolean): Promise<void> {
    if (this.pending) await this.pending;
    if (this.flushError) throw this.flushError;
    const people = this.peopleRows;
    const members = this.memberRows;
    const figures = this.figureRows;
    this.peopleRows = [];
    this.memberRows = [];
    this.figureRows = [];
    if (people.length + members.length + figures.length > 0) {
      const write = this.database.rawTransaction(async (tx: SqlRunner) => {
        // Demo data can be regenerated: do not wait for the WAL to reach the disk at each batch's commit.
        if (this.database.kind === 'postgres') await tx.query('SET LOCAL synchronous_commit = off');
        if (people.length) await tx.copyFrom(COPY_PEOPLE, people.join('\n') + '\n');
        if (members.length) await tx.copyFrom(COPY_MEMBERSHIPS, members.join('\n') + '\n');
        if (figures.length) await tx.copyFrom(COPY_FIGURES, figures.join('\n') + '\n');
      });
      this.pending = write.then(
        () => {
          this.written += members.length;
          this.opts.onProgress?.({ phase: 'members', done: this.written, total: this.opts.members });
        },
        (err: unknown) => {
          this.flushError = err;
        },
      );
    }
    if (last && this.pending) {
      await this.pending;
      this.pending = null;
      if (this.flushError) throw this.flushError;
    }
  }

  private async analyze(): Promise<void> {
    // VACUUM too: it sets the visibility map, so the register's count and paging run as index-only scans
    // (PGlite has no autovacuum to do it later).
    await this.database.query('VACUUM (ANALYZE) organisations, organisation_closure, cooperatives, cooperative_sectors, people, memberships, yearly_figures, coop_member_stats');
  }

  private pickAdminCoop(): GeneratedFederation['adminCoop'] {
    const active = this.coops.filter((c) => c.status === 'active' && !c.giant && c.category !== 'consorzi_cooperativi');
    if (active.length === 0) return null;
    const score = (c: CoopPlan) => Math.abs(c.openMembers - 300) + (c.province === 'BO' ? 0 : 60);
    const best = [...active].sort((a, b) => score(a) - score(b) || a.index - b.index)[0] as CoopPlan;
    return { id: best.id, name: best.name, openMembers: best.openMembers };
  }
}

const PEC_SKIP = new Set(['soc', 'coop', 'societa', 'cooperativa', 'cooperative', 'sociale', 'onlus', 'agr', 'agricola', 'di', 'd', 'la', 'il', 'l', 'e', 'per', 'delle', 'della']);

/** Local part of a co-op's PEC address: its first three distinctive words ("Cooperativa Sociale Il Faro" → "faro"). */
function pecName(name: string): string {
  const words = name
    .split(/[\s'’.\-]+/)
    .map(asciiSlug)
    .filter((w) => w && !PEC_SKIP.has(w));
  return words.slice(0, 3).join('') || 'cooperativa';
}

/** Number of co-ops per category for `n` co-ops (largest remainder); at least one consumer co-op from 10 co-ops up. */
export function allocateCategories(n: number): AlboCategory[] {
  const entries = Object.entries(CATEGORY_PROFILES) as [AlboCategory, CategoryProfile][];
  const wsum = entries.reduce((a, [, p]) => a + p.weight, 0);
  const counts = entries.map(([c, p]) => ({ c, exact: (n * p.weight) / wsum, k: Math.floor((n * p.weight) / wsum) }));
  let left = n - counts.reduce((a, x) => a + x.k, 0);
  for (const x of [...counts].sort((a, b) => b.exact - b.k - (a.exact - a.k))) {
    if (left <= 0) break;
    x.k++;
    left--;
  }
  const consumo = counts.find((x) => x.c === 'consumo');
  if (n >= 10 && consumo && consumo.k === 0) {
    const biggest = [...counts].sort((a, b) => b.k - a.k)[0];
    if (biggest) {
      biggest.k--;
      consumo.k++;
    }
  }
  return counts.flatMap((x) => Array.from({ length: x.k }, () => x.c));
}
