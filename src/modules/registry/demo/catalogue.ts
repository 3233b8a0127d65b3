// The shape of the demo federation: the association tree (modelled on Legacoop Emilia-Romagna), and for each Albo
// category how many co-ops there are, how large they grow, what they do (ATECO), who their members are and how
// much capital those members hold. Plausible orders of magnitude, not statistics of any real co-op.
import type { AlboCategory, MemberType, ProvinceCode, SocialCoopType } from '../domain/index.ts';

// --- the association tree --------------------------------------------------------------------------------------

export interface AssociationSpec {
  key: string;
  kind: 'alliance' | 'national' | 'regional' | 'territorial' | 'sectoral';
  name: string;
  shortName: string;
  parent: string | null;
}

/** A territorial association and the provinces it covers. */
export interface TerritorySpec extends AssociationSpec {
  kind: 'territorial';
  provinces: readonly ProvinceCode[];
}

/** Sectoral associations (children of the regional association) by key. */
export type SectorKey = 'produzione_lavoro' | 'agroalimentare' | 'consumo' | 'sociali' | 'abitanti' | 'servizi';

export const DEMO_REGION = 'Emilia-Romagna';

export const UPPER_ASSOCIATIONS: readonly AssociationSpec[] = [
  { key: 'aci', kind: 'alliance', name: 'Alleanza delle Cooperative Italiane', shortName: 'ACI', parent: null },
  { key: 'legacoop', kind: 'national', name: 'Legacoop Nazionale', shortName: 'Legacoop', parent: 'aci' },
  { key: 'legacoop_er', kind: 'regional', name: 'Legacoop Emilia-Romagna', shortName: 'Legacoop ER', parent: 'legacoop' },
];

/** The territorial associations under the regional one; every Emilia-Romagna province belongs to exactly one. */
export const DEMO_TERRITORIES: readonly TerritorySpec[] = [
  { key: 'romagna', kind: 'territorial', name: 'Legacoop Romagna', shortName: 'Legacoop Romagna', parent: 'legacoop_er', provinces: ['RA', 'FC', 'RN'] },
  { key: 'emilia_ovest', kind: 'territorial', name: 'Legacoop Emilia Ovest', shortName: 'Legacoop Emilia Ovest', parent: 'legacoop_er', provinces: ['PR', 'RE', 'PC'] },
  { key: 'estense', kind: 'territorial', name: 'Legacoop Estense', shortName: 'Legacoop Estense', parent: 'legacoop_er', provinces: ['FE', 'MO'] },
  { key: 'bologna', kind: 'territorial', name: 'Legacoop Bologna', shortName: 'Legacoop Bologna', parent: 'legacoop_er', provinces: ['BO'] },
];

export const DEMO_SECTORS: readonly (AssociationSpec & { key: SectorKey; kind: 'sectoral' })[] = [
  { key: 'produzione_lavoro', kind: 'sectoral', name: 'Legacoop Produzione e Lavoro Emilia-Romagna', shortName: 'Produzione e lavoro', parent: 'legacoop_er' },
  { key: 'agroalimentare', kind: 'sectoral', name: 'Legacoop Agroalimentare Emilia-Romagna', shortName: 'Agroalimentare', parent: 'legacoop_er' },
  { key: 'consumo', kind: 'sectoral', name: 'Legacoop Consumo Emilia-Romagna', shortName: 'Consumo', parent: 'legacoop_er' },
  { key: 'sociali', kind: 'sectoral', name: 'Legacoopsociali Emilia-Romagna', shortName: 'Sociali', parent: 'legacoop_er' },
  { key: 'abitanti', kind: 'sectoral', name: 'Legacoop Abitanti Emilia-Romagna', shortName: 'Abitanti', parent: 'legacoop_er' },
  { key: 'servizi', kind: 'sectoral', name: 'Legacoop Servizi Emilia-Romagna', shortName: 'Servizi', parent: 'legacoop_er' },
];

/** Share of co-ops by province (Legacoop is strongest around Bologna, Reggio, Modena and in Romagna). */
export const PROVINCE_WEIGHTS: ReadonlyArray<readonly [ProvinceCode, number]> = [
  ['BO', 22],
  ['RE', 14],
  ['MO', 13],
  ['RA', 11],
  ['FC', 10],
  ['PR', 8],
  ['FE', 8],
  ['RN', 8],
  ['PC', 6],
];

/** Comuni on the coast or the lagoons, where the fishing and clam-farming co-ops are. */
export const COASTAL_COMUNI: readonly string[] = ['Comacchio', 'Cervia', 'Ravenna', 'Cesenatico', 'Rimini', 'Riccione', 'Cattolica'];

// --- categories ------------------------------------------------------------------------------------------------

/** How a category's co-ops look. */
export interface CategoryProfile {
  /** Relative number of co-ops. */
  weight: number;
  /** Log-normal size of the register (memberships): median and log-scale sigma, clamped to [min, max]. */
  size: { median: number; sigma: number; min: number; max: number };
  /** Main sectoral association, and a possible second one with its probability. */
  sector: SectorKey;
  secondSector?: { key: SectorKey; p: number };
  /** Founding year range and the share founded before 1946 (the historic co-ops). */
  founded: { from: number; historic: number };
  /** ATECO 2007 codes fitting the category (for social co-ops: by type). */
  ateco: readonly string[];
  /** Member-type combinations with weights. */
  memberTypes: ReadonlyArray<readonly [readonly MemberType[], number]>;
  /** Probability that a member is a legal person (a firm, or another co-op for consortia). */
  legalPersons: number;
  /** Nominal share values (cents) with weights. */
  nominal: ReadonlyArray<readonly [number, number]>;
  /** Subscribed capital per ordinary member, euros: log-normal median and sigma. */
  capital: { median: number; sigma: number };
  /** Age at admission: mean and standard deviation. */
  age: { mean: number; sd: number };
  /** Share of women among natural-person members and among employees. */
  women: { members: number; employees: number };
  /** Employees: per worker member, per other member, plus a base; production value per employee (euros). */
  employees: { perWorker: number; perOther: number; base: number; valuePerEmployee: number };
  /** Share of co-ops in the non-prevailing mutuality section. */
  nonPrevalent: number;
}

const W = (types: MemberType[], weight: number) => [types, weight] as const;

export const CATEGORY_PROFILES: Readonly<Record<AlboCategory, CategoryProfile>> = {
  produzione_e_lavoro: {
    weight: 30,
    size: { median: 30, sigma: 1.05, min: 9, max: 4_000 },
    sector: 'produzione_lavoro',
    secondSector: { key: 'servizi', p: 0.2 },
    founded: { from: 1946, historic: 0.06 },
    ateco: ['41.20.00', '42.11.00', '42.21.00', '43.21.01', '43.22.01', '43.39.01', '25.62.00', '33.12.10', '71.12.10', '16.23.10', '81.21.00', '81.22.02', '38.11.00', '49.41.00'],
    memberTypes: [W(['lavoratore'], 91), W(['sovventore'], 4), W(['lavoratore', 'sovventore'], 4), W(['finanziatore'], 1)],
    legalPersons: 0.01,
    nominal: [[2582, 4], [5165, 3], [10_000, 2], [25_000, 1], [50_000, 1]],
    capital: { median: 3_000, sigma: 0.9 },
    age: { mean: 38, sd: 10 },
    women: { members: 0.3, employees: 0.3 },
    employees: { perWorker: 1.35, perOther: 0, base: 1, valuePerEmployee: 95_000 },
    nonPrevalent: 0.14,
  },
  lavoro_agricolo: {
    weight: 3,
    size: { median: 35, sigma: 0.8, min: 9, max: 600 },
    sector: 'agroalimentare',
    secondSector: { key: 'produzione_lavoro', p: 0.2 },
    founded: { from: 1946, historic: 0.25 },
    ateco: ['01.61.00', '01.11.10', '01.13.10', '01.24.00', '01.50.00', '02.10.00'],
    memberTypes: [W(['lavoratore'], 95), W(['sovventore'], 5)],
    legalPersons: 0.01,
    nominal: [[2582, 3], [5165, 2], [10_000, 1]],
    capital: { median: 800, sigma: 0.8 },
    age: { mean: 42, sd: 11 },
    women: { members: 0.35, employees: 0.35 },
    employees: { perWorker: 1.6, perOther: 0, base: 2, valuePerEmployee: 55_000 },
    nonPrevalent: 0.05,
  },
  sociali: {
    weight: 24,
    size: { median: 45, sigma: 1.0, min: 9, max: 3_500 },
    sector: 'sociali',
    secondSector: { key: 'servizi', p: 0.12 },
    founded: { from: 1975, historic: 0 },
    ateco: ['87.30.00', '88.10.00', '88.91.00', '87.20.00', '88.99.00', '85.59.90', '86.90.29'],
    memberTypes: [W(['lavoratore'], 71), W(['volontario'], 13), W(['utente'], 8), W(['sovventore'], 4), W(['lavoratore', 'sovventore'], 4)],
    legalPersons: 0.01,
    nominal: [[2582, 5], [2500, 3], [5000, 2], [10_000, 1]],
    capital: { median: 600, sigma: 0.9 },
    age: { mean: 36, sd: 10 },
    women: { members: 0.72, employees: 0.76 },
    employees: { perWorker: 1.4, perOther: 0, base: 1, valuePerEmployee: 34_000 },
    nonPrevalent: 0,
  },
  conferimento_prodotti_agricoli: {
    weight: 8,
    size: { median: 90, sigma: 1.15, min: 9, max: 6_000 },
    sector: 'agroalimentare',
    founded: { from: 1946, historic: 0.2 },
    ateco: ['10.51.20', '11.02.10', '10.39.00', '46.31.10', '10.11.00', '10.41.10', '01.61.00'],
    memberTypes: [W(['conferente'], 94), W(['sovventore'], 4), W(['conferente', 'sovventore'], 2)],
    legalPersons: 0.18,
    nominal: [[2582, 4], [5165, 3], [10_000, 2]],
    capital: { median: 2_500, sigma: 1.0 },
    age: { mean: 43, sd: 11 },
    women: { members: 0.25, employees: 0.42 },
    employees: { perWorker: 0, perOther: 0.06, base: 4, valuePerEmployee: 420_000 },
    nonPrevalent: 0.08,
  },
  edilizie_di_abitazione: {
    weight: 6,
    size: { median: 160, sigma: 1.3, min: 9, max: 40_000 },
    sector: 'abitanti',
    founded: { from: 1946, historic: 0.12 },
    ateco: ['41.10.00', '68.20.01', '68.10.00', '41.20.00'],
    memberTypes: [W(['utente'], 97), W(['sovventore'], 3)],
    legalPersons: 0.003,
    nominal: [[2582, 6], [5165, 2], [2500, 2]],
    capital: { median: 52, sigma: 0.5 },
    age: { mean: 40, sd: 12 },
    women: { members: 0.48, employees: 0.55 },
    employees: { perWorker: 0, perOther: 0.003, base: 2, valuePerEmployee: 600_000 },
    nonPrevalent: 0.15,
  },
  pesca: {
    weight: 2,
    size: { median: 40, sigma: 0.8, min: 9, max: 1_500 },
    sector: 'agroalimentare',
    founded: { from: 1946, historic: 0.1 },
    ateco: ['03.11.00', '03.21.00', '46.38.10', '10.20.00'],
    memberTypes: [W(['lavoratore'], 50), W(['conferente'], 45), W(['sovventore'], 5)],
    legalPersons: 0.05,
    nominal: [[2582, 3], [5165, 2], [10_000, 1]],
    capital: { median: 1_500, sigma: 0.8 },
    age: { mean: 40, sd: 11 },
    women: { members: 0.12, employees: 0.25 },
    employees: { perWorker: 0.3, perOther: 0.05, base: 2, valuePerEmployee: 160_000 },
    nonPrevalent: 0.05,
  },
  consumo: {
    weight: 1.6,
    size: { median: 600, sigma: 1.2, min: 9, max: 20_000 },
    sector: 'consumo',
    founded: { from: 1946, historic: 0.35 },
    ateco: ['47.11.20', '47.11.10', '47.11.40'],
    memberTypes: [W(['utente'], 995), W(['utente', 'sovventore'], 5)],
    legalPersons: 0.0005,
    nominal: [[2582, 6], [2500, 4]],
    capital: { median: 26, sigma: 0.2 },
    age: { mean: 45, sd: 15 },
    women: { members: 0.58, employees: 0.64 },
    employees: { perWorker: 0, perOther: 0.01, base: 3, valuePerEmployee: 230_000 },
    nonPrevalent: 0.2,
  },
  dettaglianti: {
    weight: 1.5,
    size: { median: 70, sigma: 1.0, min: 9, max: 2_000 },
    sector: 'consumo',
    secondSector: { key: 'servizi', p: 0.3 },
    founded: { from: 1950, historic: 0 },
    ateco: ['46.39.20', '46.90.00', '46.17.00'],
    memberTypes: [W(['utente'], 97), W(['sovventore'], 3)],
    legalPersons: 0.6,
    nominal: [[5165, 3], [10_000, 2], [51_646, 1]],
    capital: { median: 5_000, sigma: 0.8 },
    age: { mean: 45, sd: 10 },
    women: { members: 0.35, employees: 0.55 },
    employees: { perWorker: 0, perOther: 0.15, base: 3, valuePerEmployee: 900_000 },
    nonPrevalent: 0.1,
  },
  trasporto: {
    weight: 4,
    size: { median: 30, sigma: 1.0, min: 9, max: 1_200 },
    sector: 'servizi',
    secondSector: { key: 'produzione_lavoro', p: 0.25 },
    founded: { from: 1946, historic: 0.03 },
    ateco: ['49.41.00', '49.32.10', '52.29.22', '49.39.09', '52.10.10'],
    memberTypes: [W(['lavoratore'], 50), W(['utente'], 45), W(['sovventore'], 5)],
    legalPersons: 0.25,
    nominal: [[2582, 3], [5165, 3], [10_000, 2]],
    capital: { median: 2_500, sigma: 0.9 },
    age: { mean: 40, sd: 10 },
    women: { members: 0.12, employees: 0.18 },
    employees: { perWorker: 1.2, perOther: 0.1, base: 1, valuePerEmployee: 110_000 },
    nonPrevalent: 0.1,
  },
  consorzi_cooperativi: {
    weight: 4,
    size: { median: 22, sigma: 0.8, min: 9, max: 250 },
    sector: 'servizi',
    secondSector: { key: 'produzione_lavoro', p: 0.35 },
    founded: { from: 1960, historic: 0.02 },
    ateco: ['70.22.09', '82.99.99', '41.20.00', '88.99.00', '46.19.02'],
    memberTypes: [W(['utente'], 90), W(['conferente'], 5), W(['sovventore'], 5)],
    legalPersons: 0.92,
    nominal: [[51_646, 3], [100_000, 2], [25_000, 2]],
    capital: { median: 20_000, sigma: 1.0 },
    age: { mean: 45, sd: 10 },
    women: { members: 0.4, employees: 0.5 },
    employees: { perWorker: 0, perOther: 0.3, base: 3, valuePerEmployee: 700_000 },
    nonPrevalent: 0.3,
  },
  consorzi_agrari: {
    weight: 0.3,
    size: { median: 300, sigma: 0.8, min: 9, max: 4_000 },
    sector: 'agroalimentare',
    founded: { from: 1946, historic: 0.6 },
    ateco: ['46.21.22', '46.61.00', '46.75.02'],
    memberTypes: [W(['utente'], 90), W(['conferente'], 10)],
    legalPersons: 0.3,
    nominal: [[5165, 3], [2582, 2]],
    capital: { median: 100, sigma: 0.6 },
    age: { mean: 50, sd: 11 },
    women: { members: 0.2, employees: 0.35 },
    employees: { perWorker: 0, perOther: 0.04, base: 10, valuePerEmployee: 800_000 },
    nonPrevalent: 0.5,
  },
  banche_credito_cooperativo: {
    weight: 0.3,
    size: { median: 2_000, sigma: 0.6, min: 200, max: 10_000 },
    sector: 'servizi',
    founded: { from: 1946, historic: 0.5 },
    ateco: ['64.19.10'],
    memberTypes: [W(['utente'], 100)],
    legalPersons: 0.08,
    nominal: [[2582, 2], [5165, 1]],
    capital: { median: 600, sigma: 0.8 },
    age: { mean: 50, sd: 13 },
    women: { members: 0.35, employees: 0.5 },
    employees: { perWorker: 0, perOther: 0.03, base: 10, valuePerEmployee: 250_000 },
    nonPrevalent: 0.3,
  },
  garanzia_fidi: {
    weight: 0.4,
    size: { median: 600, sigma: 0.9, min: 9, max: 8_000 },
    sector: 'servizi',
    founded: { from: 1970, historic: 0 },
    ateco: ['64.92.09', '66.19.50'],
    memberTypes: [W(['utente'], 100)],
    legalPersons: 0.85,
    nominal: [[25_000, 2], [51_646, 1], [10_000, 1]],
    capital: { median: 250, sigma: 0.3 },
    age: { mean: 48, sd: 10 },
    women: { members: 0.3, employees: 0.55 },
    employees: { perWorker: 0, perOther: 0.005, base: 4, valuePerEmployee: 180_000 },
    nonPrevalent: 0.2,
  },
  altre: {
    weight: 14.5,
    size: { median: 18, sigma: 0.9, min: 9, max: 900 },
    sector: 'servizi',
    founded: { from: 1960, historic: 0.01 },
    ateco: ['90.01.01', '85.59.20', '62.01.00', '55.10.00', '56.10.11', '59.11.00', '74.10.29', '93.29.90', '73.11.02', '82.30.00', '79.90.19'],
    memberTypes: [W(['lavoratore'], 60), W(['utente'], 35), W(['sovventore'], 5)],
    legalPersons: 0.03,
    nominal: [[2582, 4], [2500, 3], [5000, 2], [10_000, 1]],
    capital: { median: 800, sigma: 0.9 },
    age: { mean: 37, sd: 11 },
    women: { members: 0.5, employees: 0.52 },
    employees: { perWorker: 1.2, perOther: 0.02, base: 1, valuePerEmployee: 65_000 },
    nonPrevalent: 0.15,
  },
};

/** ATECO codes of social co-ops by type (A: care and education; B: work integration). */
export const SOCIAL_ATECO: Readonly<Record<SocialCoopType, readonly string[]>> = {
  A: ['87.30.00', '88.10.00', '88.91.00', '87.20.00', '88.99.00', '85.59.90', '86.90.29'],
  B: ['81.30.00', '81.21.00', '38.11.00', '56.29.10', '18.12.00', '82.92.10', '96.01.10'],
  AB: ['88.10.00', '81.30.00', '87.30.00', '81.21.00'],
};

/** Production value index by year (2020 dipped with the pandemic, then inflation and recovery). */
export const YEAR_INDEX: Readonly<Record<number, number>> = { 2020: 0.86, 2021: 0.95, 2022: 1.04, 2023: 1.09, 2024: 1.12, 2025: 1.15 };

/** Countries of birth of foreign-born members, with their cadastral (Belfiore) codes for the codice fiscale. */
export const FOREIGN_BIRTHPLACES: ReadonlyArray<readonly [string, number]> = [
  ['Z129', 8], // Romania
  ['Z100', 7], // Albania
  ['Z330', 7], // Marocco
  ['Z138', 4], // Ucraina
  ['Z210', 3], // Cina
  ['Z140', 3], // Moldova
  ['Z352', 2], // Tunisia
  ['Z222', 2], // India
  ['Z236', 2], // Pakistan
  ['Z216', 2], // Filippine
  ['Z112', 1], // Germania
  ['Z110', 1], // Francia
  ['Z133', 1], // Svizzera
];

// --- exits -------------------------------------------------------------------------------------------------------

export const EXIT_REASONS: Readonly<Record<'recesso' | 'esclusione' | 'decesso' | 'trasferimento', readonly string[]>> = {
  recesso: [
    'Dimissioni dal rapporto di lavoro',
    'Pensionamento',
    'Trasferimento di residenza',
    'Richiesta di recesso del socio',
    'Cessazione dell\u2019attività agricola',
    'Perdita dei requisiti di ammissione',
  ],
  esclusione: [
    'Mancato versamento della quota sottoscritta',
    'Gravi inadempienze delle obbligazioni statutarie',
    'Cessazione del rapporto di lavoro per giusta causa',
    'Mancata partecipazione allo scambio mutualistico',
  ],
  decesso: ['Decesso del socio'],
  trasferimento: ['Trasferimento della quota a un altro socio', 'Trasferimento della quota a un familiare'],
};

// --- names ---------------------------------------------------------------------------------------------------------

/** Evocative words used in co-op names. */
export const NAME_WORDS = {
  social: [
    'Il Girasole', 'La Rondine', 'Arcobaleno', 'Il Ponte', 'Il Quadrifoglio', "L'Aquilone", 'La Locomotiva', 'Il Mosaico', 'La Lanterna',
    'Il Faro', 'La Bottega', 'Il Germoglio', 'La Quercia', 'Il Cerchio', 'Ca\u2019 Nostra', 'La Zattera', 'Il Sorriso', 'La Carovana',
    'Oltremare', 'Il Melograno', 'La Tartaruga', 'Il Granello', 'La Città Verde', 'Il Pettirosso', 'La Fenice', 'Solidarietà',
    'Il Seme', 'La Strada', 'Il Volo', 'Il Nido', 'La Meridiana', 'Sole e Luna', 'Il Sentiero', 'La Ginestra', 'Il Mulino', 'Insieme',
  ],
  works: [
    'Costruzioni', 'Edile', 'Impianti', 'Servizi', 'Manutenzioni', 'Meccanica', 'Lavori Stradali', 'Infrastrutture', 'Progetti',
    'Ambiente', 'Facility', 'Pulizie', 'Ingegneria', 'Serramenti', 'Falegnameria', 'Ceramiche', 'Restauri', 'Elettrica',
  ],
  ideas: [
    'Aurora', 'Progresso', 'Avanti', 'Futura', 'Orizzonte', 'Unione', 'Concordia', 'Fratellanza', 'Lavoro e Libertà', 'Nuova Era',
    'Primavera', 'Libertas', 'Domani', 'Scintilla', 'Sinergie', 'Ponte Vecchio', 'Via Emilia', 'Appennino', 'Pianura', 'Delta',
    'Crinale', 'Reno', 'Secchia', 'Panaro', 'Savio', 'Marecchia', 'Santerno', 'Lamone', 'Taro', 'Enza', 'Trebbia', 'Senio',
  ],
  agri: ['Frutticoltori', 'Viticoltori', 'Produttori Latte', 'Ortofrutticola', 'Cerealicoltori', 'Allevatori', 'Olivicoltori', 'Bieticoltori', 'Sementieri'],
  culture: ['Teatro', 'Cinema', 'Musica', 'Editoria', 'Comunicazione', 'Turismo', 'Informatica', 'Formazione', 'Ricerca', 'Ristorazione', 'Cultura', 'Sport'],
} as const;
