// Reference data of the registry as typed constants (Italian and English labels), and format checks for the
// identifiers a co-operative carries. Pure data and functions, no I/O.

/** UI locales the labels exist in. */
export type Locale = 'it' | 'en';

/** One entry of a code list: a stable snake_case (or official) code and its labels. */
export interface CodeEntry<C extends string = string> {
  readonly code: C;
  readonly it: string;
  readonly en: string;
}

// --- Albo delle società cooperative ----------------------------------------------------------------------------

/**
 * The 14 categories of the Albo delle società cooperative, in the official order (D.M. Attività produttive
 * 23 giugno 2004, art. 4 c. 3, and circolare MAP 6 dicembre 2004 n. 1579682).
 */
export const ALBO_CATEGORIES = [
  { code: 'produzione_e_lavoro', it: 'Cooperative di produzione e lavoro', en: 'Worker co-operatives (production and labour)' },
  { code: 'lavoro_agricolo', it: 'Cooperative di lavoro agricolo', en: 'Agricultural worker co-operatives' },
  { code: 'sociali', it: 'Cooperative sociali', en: 'Social co-operatives' },
  {
    code: 'conferimento_prodotti_agricoli',
    it: 'Cooperative di conferimento prodotti agricoli e allevamento',
    en: "Farmers' and breeders' marketing co-operatives",
  },
  { code: 'edilizie_di_abitazione', it: 'Cooperative edilizie di abitazione', en: 'Housing co-operatives' },
  { code: 'pesca', it: 'Cooperative della pesca', en: 'Fishing co-operatives' },
  { code: 'consumo', it: 'Cooperative di consumo', en: 'Consumer co-operatives' },
  { code: 'dettaglianti', it: 'Cooperative di dettaglianti', en: "Retailers' co-operatives" },
  { code: 'trasporto', it: 'Cooperative di trasporto', en: 'Transport co-operatives' },
  { code: 'consorzi_cooperativi', it: 'Consorzi cooperativi', en: 'Co-operative consortia' },
  { code: 'consorzi_agrari', it: 'Consorzi agrari', en: 'Agricultural consortia' },
  { code: 'banche_credito_cooperativo', it: 'Banche di credito cooperativo', en: 'Co-operative credit banks' },
  {
    code: 'garanzia_fidi',
    it: 'Consorzi e cooperative di garanzia e fidi',
    en: 'Credit-guarantee consortia and co-operatives',
  },
  { code: 'altre', it: 'Altre cooperative', en: 'Other co-operatives' },
] as const satisfies readonly CodeEntry[];
/** A category of the Albo. */
export type AlboCategory = (typeof ALBO_CATEGORIES)[number]['code'];

/** The two sections of the Albo (art. 2512 c.c.; D.M. 23 giugno 2004, art. 3). */
export const ALBO_SECTIONS = [
  { code: 'mutualita_prevalente', it: 'Cooperative a mutualità prevalente', en: 'Prevailing-mutuality co-operatives' },
  {
    code: 'mutualita_non_prevalente',
    it: 'Cooperative diverse da quelle a mutualità prevalente',
    en: 'Other (non-prevailing-mutuality) co-operatives',
  },
] as const satisfies readonly CodeEntry[];
/** A section of the Albo. */
export type AlboSection = (typeof ALBO_SECTIONS)[number]['code'];

/** The company-law model a co-op follows (art. 2519 c.c.: SPA rules, or SRL rules where the statute allows). */
export const LEGAL_MODELS = [
  { code: 'spa', it: 'Norme sulle società per azioni', en: 'Joint-stock company (S.p.A.) rules' },
  { code: 'srl', it: 'Norme sulle società a responsabilità limitata', en: 'Limited-liability company (S.r.l.) rules' },
] as const satisfies readonly CodeEntry[];
/** A legal model (art. 2519 c.c.). */
export type LegalModel = (typeof LEGAL_MODELS)[number]['code'];

/** Life-cycle status of a co-op in the register. */
export const COOPERATIVE_STATUSES = [
  { code: 'active', it: 'Attiva', en: 'Active' },
  { code: 'liquidation', it: 'In liquidazione', en: 'In liquidation' },
  { code: 'struck_off', it: 'Cancellata', en: 'Struck off' },
] as const satisfies readonly CodeEntry[];
/** A co-op's status. */
export type CooperativeStatus = (typeof COOPERATIVE_STATUSES)[number]['code'];

/**
 * Types of social co-operative (L. 8 novembre 1991 n. 381, art. 1 c. 1 lett. a and b); "AB" (mixed) co-ops run
 * both activities with separate management, as admitted by the Ministry of Labour (circolare 153/1996).
 */
export const SOCIAL_COOP_TYPES = [
  { code: 'A', it: 'Tipo A: servizi socio-sanitari ed educativi', en: 'Type A: social, health and education services' },
  {
    code: 'B',
    it: 'Tipo B: inserimento lavorativo di persone svantaggiate',
    en: 'Type B: work integration of disadvantaged people',
  },
  { code: 'AB', it: 'Tipo misto A+B', en: 'Mixed type A+B' },
] as const satisfies readonly CodeEntry[];
/** A social co-op type. */
export type SocialCoopType = (typeof SOCIAL_COOP_TYPES)[number]['code'];

/**
 * Kinds of member, by the mutual exchange they have with the co-op (glossary in DESIGN.md):
 * - lavoratore: work (art. 2512 c. 1 n. 2 c.c.; L. 3 aprile 2001 n. 142);
 * - utente: the co-op supplies goods or services to the member, i.e. user or consumer (art. 2512 c. 1 n. 1 c.c.);
 * - conferente: the member delivers goods or services, e.g. produce (art. 2512 c. 1 n. 3 c.c.);
 * - sovventore: financing member (L. 31 gennaio 1992 n. 59, art. 4);
 * - finanziatore: holder of financial instruments (art. 2526 c.c.);
 * - volontario: volunteer, only in social co-ops (L. 381/1991, art. 2).
 * Whether a member is a natural or a legal person is a property of the person, not a member type.
 */
export const MEMBER_TYPES = [
  { code: 'lavoratore', it: 'Socio lavoratore', en: 'Worker member' },
  { code: 'utente', it: 'Socio utente / consumatore', en: 'User / consumer member' },
  { code: 'conferente', it: 'Socio conferente', en: 'Supplier (delivering) member' },
  { code: 'sovventore', it: 'Socio sovventore', en: 'Financing (sovventore) member' },
  { code: 'finanziatore', it: 'Socio finanziatore', en: 'Investor member (financial instruments)' },
  { code: 'volontario', it: 'Socio volontario', en: 'Volunteer member' },
] as const satisfies readonly CodeEntry[];
/** A member type. */
export type MemberType = (typeof MEMBER_TYPES)[number]['code'];

/** Member types that vote as financing members, capped at one third of the votes present (art. 2526 c. 2 c.c.; L. 59/1992 art. 4). */
export const FINANCING_MEMBER_TYPES: readonly MemberType[] = ['sovventore', 'finanziatore'];

/**
 * How a membership ends: recesso (art. 2532 c.c.), esclusione (art. 2533 c.c.), decesso (art. 2534 c.c.),
 * trasferimento of the shares to another person (art. 2530 c.c.).
 */
export const EXIT_KINDS = [
  { code: 'recesso', it: 'Recesso', en: 'Withdrawal' },
  { code: 'esclusione', it: 'Esclusione', en: 'Exclusion' },
  { code: 'decesso', it: 'Decesso', en: 'Death' },
  { code: 'trasferimento', it: 'Trasferimento della quota', en: 'Transfer of shares' },
] as const satisfies readonly CodeEntry[];
/** An exit kind. */
export type ExitKind = (typeof EXIT_KINDS)[number]['code'];

/** Genders recorded for people; 'X' when not binary or not stated (the codice fiscale itself only knows F and M). */
export const GENDERS = [
  { code: 'F', it: 'Femmina', en: 'Female' },
  { code: 'M', it: 'Maschio', en: 'Male' },
  { code: 'X', it: 'Non binario / non indicato', en: 'Non-binary / not stated' },
] as const satisfies readonly CodeEntry[];
/** A recorded gender. */
export type Gender = (typeof GENDERS)[number]['code'];

/** Every labelled code list, by name (their codes do not collide, so `label` needs no list name). */
export const CODE_LISTS = {
  alboCategory: ALBO_CATEGORIES,
  alboSection: ALBO_SECTIONS,
  legalModel: LEGAL_MODELS,
  cooperativeStatus: COOPERATIVE_STATUSES,
  socialCoopType: SOCIAL_COOP_TYPES,
  memberType: MEMBER_TYPES,
  exitKind: EXIT_KINDS,
  gender: GENDERS,
} as const;

/** Any code of the labelled lists. */
export type LabelledCode =
  | AlboCategory
  | AlboSection
  | LegalModel
  | CooperativeStatus
  | SocialCoopType
  | MemberType
  | ExitKind
  | Gender;

const LABELS: ReadonlyMap<string, CodeEntry> = new Map(
  Object.values(CODE_LISTS).flatMap((list: readonly CodeEntry[]) => list.map((e) => [e.code, e] as const)),
);

/** The label of a code in the given locale; an unknown code is returned unchanged. */
export function label(code: LabelledCode | (string & {}), locale: Locale): string {
  const entry = LABELS.get(code);
  return entry ? entry[locale] : code;
}

/** Whether `value` is one of the codes of `list`. */
export function isCodeOf<C extends string>(list: readonly CodeEntry<C>[], value: unknown): value is C {
  return typeof value === 'string' && list.some((e) => e.code === value);
}

/**
 * Whether `value` is a member type the law allows; given the co-op's Albo category, volunteer members are
 * allowed only in social co-operatives (L. 381/1991, art. 2).
 */
export function isLegalMemberType(value: unknown, cooperative?: { readonly category?: AlboCategory }): value is MemberType {
  if (!isCodeOf(MEMBER_TYPES, value)) return false;
  if (value === 'volontario' && cooperative?.category !== undefined) return cooperative.category === 'sociali';
  return true;
}

// --- territory -------------------------------------------------------------------------------------------------

/** The 20 regions with their ISTAT code and Italian and English names. */
export const REGIONS = [
  { code: '01', name: 'Piemonte', nameEn: 'Piedmont' },
  { code: '02', name: "Valle d'Aosta", nameEn: 'Aosta Valley' },
  { code: '03', name: 'Lombardia', nameEn: 'Lombardy' },
  { code: '04', name: 'Trentino-Alto Adige', nameEn: 'Trentino-South Tyrol' },
  { code: '05', name: 'Veneto', nameEn: 'Veneto' },
  { code: '06', name: 'Friuli-Venezia Giulia', nameEn: 'Friuli-Venezia Giulia' },
  { code: '07', name: 'Liguria', nameEn: 'Liguria' },
  { code: '08', name: 'Emilia-Romagna', nameEn: 'Emilia-Romagna' },
  { code: '09', name: 'Toscana', nameEn: 'Tuscany' },
  { code: '10', name: 'Umbria', nameEn: 'Umbria' },
  { code: '11', name: 'Marche', nameEn: 'Marche' },
  { code: '12', name: 'Lazio', nameEn: 'Lazio' },
  { code: '13', name: 'Abruzzo', nameEn: 'Abruzzo' },
  { code: '14', name: 'Molise', nameEn: 'Molise' },
  { code: '15', name: 'Campania', nameEn: 'Campania' },
  { code: '16', name: 'Puglia', nameEn: 'Apulia' },
  { code: '17', name: 'Basilicata', nameEn: 'Basilicata' },
  { code: '18', name: 'Calabria', nameEn: 'Calabria' },
  { code: '19', name: 'Sicilia', nameEn: 'Sicily' },
  { code: '20', name: 'Sardegna', nameEn: 'Sardinia' },
] as const;
/** A region's Italian name. */
export type RegionName = (typeof REGIONS)[number]['name'];

/** A province (or metropolitan city, free consortium, autonomous province) with its 2-letter sigla. */
export interface Province {
  readonly code: string;
  readonly name: string;
  readonly region: RegionName;
}

/**
 * The 107 provinces-level units with their sigla (ISTAT "unità territoriali sovracomunali", names as ISTAT
 * writes them; Sardinia as reorganised in 2016 with Sud Sardegna, before its 2025 reform took effect).
 */
export const PROVINCES = [
  // Piemonte
  { code: 'TO', name: 'Torino', region: 'Piemonte' },
  { code: 'VC', name: 'Vercelli', region: 'Piemonte' },
  { code: 'NO', name: 'Novara', region: 'Piemonte' },
  { code: 'CN', name: 'Cuneo', region: 'Piemonte' },
  { code: 'AT', name: 'Asti', region: 'Piemonte' },
  { code: 'AL', name: 'Alessandria', region: 'Piemonte' },
  { code: 'BI', name: 'Biella', region: 'Piemonte' },
  { code: 'VB', name: 'Verbano-Cusio-Ossola', region: 'Piemonte' },
  // Valle d'Aosta
  { code: 'AO', name: 'Aosta', region: "Valle d'Aosta" },
  // Lombardia
  { code: 'VA', name: 'Varese', region: 'Lombardia' },
  { code: 'CO', name: 'Como', region: 'Lombardia' },
  { code: 'SO', name: 'Sondrio', region: 'Lombardia' },
  { code: 'MI', name: 'Milano', region: 'Lombardia' },
  { code: 'BG', name: 'Bergamo', region: 'Lombardia' },
  { code: 'BS', name: 'Brescia', region: 'Lombardia' },
  { code: 'PV', name: 'Pavia', region: 'Lombardia' },
  { code: 'CR', name: 'Cremona', region: 'Lombardia' },
  { code: 'MN', name: 'Mantova', region: 'Lombardia' },
  { code: 'LC', name: 'Lecco', region: 'Lombardia' },
  { code: 'LO', name: 'Lodi', region: 'Lombardia' },
  { code: 'MB', name: 'Monza e della Brianza', region: 'Lombardia' },
  // Trentino-Alto Adige
  { code: 'BZ', name: 'Bolzano', region: 'Trentino-Alto Adige' },
  { code: 'TN', name: 'Trento', region: 'Trentino-Alto Adige' },
  // Veneto
  { code: 'VR', name: 'Verona', region: 'Veneto' },
  { code: 'VI', name: 'Vicenza', region: 'Veneto' },
  { code: 'BL', name: 'Belluno', region: 'Veneto' },
  { code: 'TV', name: 'Treviso', region: 'Veneto' },
  { code: 'VE', name: 'Venezia', region: 'Veneto' },
  { code: 'PD', name: 'Padova', region: 'Veneto' },
  { code: 'RO', name: 'Rovigo', region: 'Veneto' },
  // Friuli-Venezia Giulia
  { code: 'UD', name: 'Udine', region: 'Friuli-Venezia Giulia' },
  { code: 'GO', name: 'Gorizia', region: 'Friuli-Venezia Giulia' },
  { code: 'TS', name: 'Trieste', region: 'Friuli-Venezia Giulia' },
  { code: 'PN', name: 'Pordenone', region: 'Friuli-Venezia Giulia' },
  // Liguria
  { code: 'IM', name: 'Imperia', region: 'Liguria' },
  { code: 'SV', name: 'Savona', region: 'Liguria' },
  { code: 'GE', name: 'Genova', region: 'Liguria' },
  { code: 'SP', name: 'La Spezia', region: 'Liguria' },
  // Emilia-Romagna
  { code: 'PC', name: 'Piacenza', region: 'Emilia-Romagna' },
  { code: 'PR', name: 'Parma', region: 'Emilia-Romagna' },
  { code: 'RE', name: "Reggio nell'Emilia", region: 'Emilia-Romagna' },
  { code: 'MO', name: 'Modena', region: 'Emilia-Romagna' },
  { code: 'BO', name: 'Bologna', region: 'Emilia-Romagna' },
  { code: 'FE', name: 'Ferrara', region: 'Emilia-Romagna' },
  { code: 'RA', name: 'Ravenna', region: 'Emilia-Romagna' },
  { code: 'FC', name: 'Forlì-Cesena', region: 'Emilia-Romagna' },
  { code: 'RN', name: 'Rimini', region: 'Emilia-Romagna' },
  // Toscana
  { code: 'MS', name: 'Massa-Carrara', region: 'Toscana' },
  { code: 'LU', name: 'Lucca', region: 'Toscana' },
  { code: 'PT', name: 'Pistoia', region: 'Toscana' },
  { code: 'FI', name: 'Firenze', region: 'Toscana' },
  { code: 'LI', name: 'Livorno', region: 'Toscana' },
  { code: 'PI', name: 'Pisa', region: 'Toscana' },
  { code: 'AR', name: 'Arezzo', region: 'Toscana' },
  { code: 'SI', name: 'Siena', region: 'Toscana' },
  { code: 'GR', name: 'Grosseto', region: 'Toscana' },
  { code: 'PO', name: 'Prato', region: 'Toscana' },
  // Umbria
  { code: 'PG', name: 'Perugia', region: 'Umbria' },
  { code: 'TR', name: 'Terni', region: 'Umbria' },
  // Marche
  { code: 'PU', name: 'Pesaro e Urbino', region: 'Marche' },
  { code: 'AN', name: 'Ancona', region: 'Marche' },
  { code: 'MC', name: 'Macerata', region: 'Marche' },
  { code: 'AP', name: 'Ascoli Piceno', region: 'Marche' },
  { code: 'FM', name: 'Fermo', region: 'Marche' },
  // Lazio
  { code: 'VT', name: 'Viterbo', region: 'Lazio' },
  { code: 'RI', name: 'Rieti', region: 'Lazio' },
  { code: 'RM', name: 'Roma', region: 'Lazio' },
  { code: 'LT', name: 'Latina', region: 'Lazio' },
  { code: 'FR', name: 'Frosinone', region: 'Lazio' },
  // Abruzzo
  { code: 'AQ', name: "L'Aquila", region: 'Abruzzo' },
  { code: 'TE', name: 'Teramo', region: 'Abruzzo' },
  { code: 'PE', name: 'Pescara', region: 'Abruzzo' },
  { code: 'CH', name: 'Chieti', region: 'Abruzzo' },
  // Molise
  { code: 'CB', name: 'Campobasso', region: 'Molise' },
  { code: 'IS', name: 'Isernia', region: 'Molise' },
  // Campania
  { code: 'CE', name: 'Caserta', region: 'Campania' },
  { code: 'BN', name: 'Benevento', region: 'Campania' },
  { code: 'NA', name: 'Napoli', region: 'Campania' },
  { code: 'AV', name: 'Avellino', region: 'Campania' },
  { code: 'SA', name: 'Salerno', region: 'Campania' },
  // Puglia
  { code: 'FG', name: 'Foggia', region: 'Puglia' },
  { code: 'BA', name: 'Bari', region: 'Puglia' },
  { code: 'TA', name: 'Taranto', region: 'Puglia' },
  { code: 'BR', name: 'Brindisi', region: 'Puglia' },
  { code: 'LE', name: 'Lecce', region: 'Puglia' },
  { code: 'BT', name: 'Barletta-Andria-Trani', region: 'Puglia' },
  // Basilicata
  { code: 'PZ', name: 'Potenza', region: 'Basilicata' },
  { code: 'MT', name: 'Matera', region: 'Basilicata' },
  // Calabria
  { code: 'CS', name: 'Cosenza', region: 'Calabria' },
  { code: 'CZ', name: 'Catanzaro', region: 'Calabria' },
  { code: 'RC', name: 'Reggio Calabria', region: 'Calabria' },
  { code: 'KR', name: 'Crotone', region: 'Calabria' },
  { code: 'VV', name: 'Vibo Valentia', region: 'Calabria' },
  // Sicilia
  { code: 'TP', name: 'Trapani', region: 'Sicilia' },
  { code: 'PA', name: 'Palermo', region: 'Sicilia' },
  { code: 'ME', name: 'Messina', region: 'Sicilia' },
  { code: 'AG', name: 'Agrigento', region: 'Sicilia' },
  { code: 'CL', name: 'Caltanissetta', region: 'Sicilia' },
  { code: 'EN', name: 'Enna', region: 'Sicilia' },
  { code: 'CT', name: 'Catania', region: 'Sicilia' },
  { code: 'RG', name: 'Ragusa', region: 'Sicilia' },
  { code: 'SR', name: 'Siracusa', region: 'Sicilia' },
  // Sardegna
  { code: 'SS', name: 'Sassari', region: 'Sardegna' },
  { code: 'NU', name: 'Nuoro', region: 'Sardegna' },
  { code: 'CA', name: 'Cagliari', region: 'Sardegna' },
  { code: 'OR', name: 'Oristano', region: 'Sardegna' },
  { code: 'SU', name: 'Sud Sardegna', region: 'Sardegna' },
] as const satisfies readonly Province[];
/** A province sigla. */
export type ProvinceCode = (typeof PROVINCES)[number]['code'];

/** A comune with its cadastral (Belfiore) code, used in the codice fiscale. */
export interface Comune {
  readonly name: string;
  readonly belfiore: string;
  readonly province: ProvinceCode;
}

/**
 * A small, checked sample of comuni (not the full list): at least 3 per Emilia-Romagna province and every
 * regional capital. Codes as in the ISTAT/Agenzia delle Entrate register of cadastral codes.
 */
export const COMUNI = [
  // Emilia-Romagna
  { name: 'Piacenza', belfiore: 'G535', province: 'PC' },
  { name: "Fiorenzuola d'Arda", belfiore: 'D611', province: 'PC' },
  { name: 'Castel San Giovanni', belfiore: 'C261', province: 'PC' },
  { name: 'Bobbio', belfiore: 'A909', province: 'PC' },
  { name: 'Parma', belfiore: 'G337', province: 'PR' },
  { name: 'Fidenza', belfiore: 'B034', province: 'PR' },
  { name: 'Salsomaggiore Terme', belfiore: 'H720', province: 'PR' },
  { name: 'Collecchio', belfiore: 'C852', province: 'PR' },
  { name: "Reggio nell'Emilia", belfiore: 'H223', province: 'RE' },
  { name: 'Correggio', belfiore: 'D037', province: 'RE' },
  { name: 'Scandiano', belfiore: 'I496', province: 'RE' },
  { name: 'Guastalla', belfiore: 'E253', province: 'RE' },
  { name: 'Modena', belfiore: 'F257', province: 'MO' },
  { name: 'Carpi', belfiore: 'B819', province: 'MO' },
  { name: 'Sassuolo', belfiore: 'I462', province: 'MO' },
  { name: 'Mirandola', belfiore: 'F240', province: 'MO' },
  { name: 'Vignola', belfiore: 'L885', province: 'MO' },
  { name: 'Formigine', belfiore: 'D711', province: 'MO' },
  { name: 'Bologna', belfiore: 'A944', province: 'BO' },
  { name: 'Imola', belfiore: 'E289', province: 'BO' },
  { name: 'Casalecchio di Reno', belfiore: 'B880', province: 'BO' },
  { name: 'San Lazzaro di Savena', belfiore: 'H945', province: 'BO' },
  { name: 'Budrio', belfiore: 'B249', province: 'BO' },
  { name: 'Ferrara', belfiore: 'D548', province: 'FE' },
  { name: 'Cento', belfiore: 'C469', province: 'FE' },
  { name: 'Comacchio', belfiore: 'C912', province: 'FE' },
  { name: 'Argenta', belfiore: 'A393', province: 'FE' },
  { name: 'Ravenna', belfiore: 'H199', province: 'RA' },
  { name: 'Faenza', belfiore: 'D458', province: 'RA' },
  { name: 'Lugo', belfiore: 'E730', province: 'RA' },
  { name: 'Cervia', belfiore: 'C553', province: 'RA' },
  { name: 'Forlì', belfiore: 'D704', province: 'FC' },
  { name: 'Cesena', belfiore: 'C573', province: 'FC' },
  { name: 'Cesenatico', belfiore: 'C574', province: 'FC' },
  { name: 'Forlimpopoli', belfiore: 'D705', province: 'FC' },
  { name: 'Rimini', belfiore: 'H294', province: 'RN' },
  { name: 'Riccione', belfiore: 'H274', province: 'RN' },
  { name: 'Santarcangelo di Romagna', belfiore: 'I304', province: 'RN' },
  { name: 'Cattolica', belfiore: 'C357', province: 'RN' },
  // Regional capitals (and Bolzano, capital of its autonomous province)
  { name: 'Torino', belfiore: 'L219', province: 'TO' },
  { name: 'Aosta', belfiore: 'A326', province: 'AO' },
  { name: 'Milano', belfiore: 'F205', province: 'MI' },
  { name: 'Trento', belfiore: 'L378', province: 'TN' },
  { name: 'Bolzano', belfiore: 'A952', province: 'BZ' },
  { name: 'Venezia', belfiore: 'L736', province: 'VE' },
  { name: 'Trieste', belfiore: 'L424', province: 'TS' },
  { name: 'Genova', belfiore: 'D969', province: 'GE' },
  { name: 'Firenze', belfiore: 'D612', province: 'FI' },
  { name: 'Perugia', belfiore: 'G478', province: 'PG' },
  { name: 'Ancona', belfiore: 'A271', province: 'AN' },
  { name: 'Roma', belfiore: 'H501', province: 'RM' },
  { name: "L'Aquila", belfiore: 'A345', province: 'AQ' },
  { name: 'Campobasso', belfiore: 'B519', province: 'CB' },
  { name: 'Napoli', belfiore: 'F839', province: 'NA' },
  { name: 'Bari', belfiore: 'A662', province: 'BA' },
  { name: 'Potenza', belfiore: 'G942', province: 'PZ' },
  { name: 'Catanzaro', belfiore: 'C352', province: 'CZ' },
  { name: 'Palermo', belfiore: 'G273', province: 'PA' },
  { name: 'Cagliari', belfiore: 'B354', province: 'CA' },
] as const satisfies readonly Comune[];

/** Regional capitals by region (the Trentino-Alto Adige entry is Trento). */
export const REGIONAL_CAPITALS: Readonly<Record<RegionName, string>> = {
  Piemonte: 'L219',
  "Valle d'Aosta": 'A326',
  Lombardia: 'F205',
  'Trentino-Alto Adige': 'L378',
  Veneto: 'L736',
  'Friuli-Venezia Giulia': 'L424',
  Liguria: 'D969',
  'Emilia-Romagna': 'A944',
  Toscana: 'D612',
  Umbria: 'G478',
  Marche: 'A271',
  Lazio: 'H501',
  Abruzzo: 'A345',
  Molise: 'B519',
  Campania: 'F839',
  Puglia: 'A662',
  Basilicata: 'G942',
  Calabria: 'C352',
  Sicilia: 'G273',
  Sardegna: 'B354',
};

const PROVINCE_BY_CODE: ReadonlyMap<string, Province> = new Map(PROVINCES.map((p) => [p.code, p]));
const COMUNE_BY_BELFIORE: ReadonlyMap<string, Comune> = new Map(COMUNI.map((c) => [c.belfiore, c]));

/** The province with this sigla (case-insensitive), or undefined. */
export function provinceByCode(code: string): Province | undefined {
  return typeof code === 'string' ? PROVINCE_BY_CODE.get(code.trim().toUpperCase()) : undefined;
}

/** The sample comune with this cadastral code (case-insensitive), or undefined when not in the sample. */
export function comuneByBelfiore(belfiore: string): Comune | undefined {
  return typeof belfiore === 'string' ? COMUNE_BY_BELFIORE.get(belfiore.trim().toUpperCase()) : undefined;
}

// --- identifier formats --------------------------------------------------------------------------------------

/** Result of the format checks below: the normalized value, or a stable reason code. */
export type FormatCheck<R extends string> = { readonly ok: true; readonly normalized: string } | { readonly ok: false; readonly reason: R };

/**
 * Checks an ATECO activity code (ISTAT ATECO 2007 and 2025, both derived from NACE): NN, NN.N, NN.NN,
 * NN.NN.N or NN.NN.NN, with a division 01–99.
 */
export function validateAtecoCode(code: string): FormatCheck<'empty' | 'format' | 'division'> {
  const c = typeof code === 'string' ? code.trim() : '';
  if (c === '') return { ok: false, reason: 'empty' };
  if (!/^\d{2}(?:\.\d(?:\d(?:\.\d{1,2})?)?)?$/.test(c)) return { ok: false, reason: 'format' };
  if (c.startsWith('00')) return { ok: false, reason: 'division' };
  return { ok: true, normalized: c };
}

/** Checks an Albo delle società cooperative number: the letter A and 6 digits, e.g. A123456 (D.M. 23 giugno 2004). */
export function validateAlboNumber(code: string): FormatCheck<'empty' | 'format'> {
  const c = typeof code === 'string' ? code.replace(/\s+/g, '').toUpperCase() : '';
  if (c === '') return { ok: false, reason: 'empty' };
  if (!/^A\d{6}$/.test(c)) return { ok: false, reason: 'format' };
  return { ok: true, normalized: c };
}

// RFC 5321/5322 "dot-atom" local part and an LDH host name with at least two labels and an alphabetic TLD.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/**
 * Checks the syntax of a PEC (posta elettronica certificata, D.P.R. 11 febbraio 2005 n. 68) address, which is an
 * ordinary e-mail address: dot-atom local part up to 64 characters, domain up to 253 (RFC 5321 §4.5.3.1).
 * Normalized to lower case. Whether the mailbox is really certified can only be checked with the provider's register.
 */
export function validatePec(email: string): FormatCheck<'empty' | 'format' | 'length'> {
  const e = typeof email === 'string' ? email.trim() : '';
  if (e === '') return { ok: false, reason: 'empty' };
  const at = e.lastIndexOf('@');
  if (at <= 0 || at !== e.indexOf('@')) return { ok: false, reason: 'format' };
  const local = e.slice(0, at);
  const domain = e.slice(at + 1);
  if (local.length > 64 || domain.length > 253 || e.length > 254) return { ok: false, reason: 'length' };
  if (!LOCAL_PART.test(local) || !DOMAIN.test(domain)) return { ok: false, reason: 'format' };
  return { ok: true, normalized: e.toLowerCase() };
}
