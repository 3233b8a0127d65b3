// The documented import template: each column's key, its Italian and English header and the aliases people
// actually type. Headers are compared after normalisation (case, accents, spaces and punctuation ignored), so
// "Cod. Fiscale", "codice fiscale" and "CODICE_FISCALE" are the same column.
import type { Locale } from '../../../core/i18n.ts';

export type ImportKind = 'members' | 'cooperatives';

export interface ColumnDef<K extends string = string> {
  readonly key: K;
  readonly it: string;
  readonly en: string;
  readonly aliases: readonly string[];
  /** Missing from the header → the file is refused. */
  readonly required?: boolean;
}

export type MemberColumnKey =
  | 'registerNumber'
  | 'personKind'
  | 'legalPerson'
  | 'codiceFiscale'
  | 'familyName'
  | 'givenName'
  | 'legalName'
  | 'gender'
  | 'birthDate'
  | 'email'
  | 'phone'
  | 'comune'
  | 'province'
  | 'memberTypes'
  | 'appliedOn'
  | 'admittedOn'
  | 'registeredOn'
  | 'sharesCount'
  | 'shareNominal'
  | 'subscribed'
  | 'paid'
  | 'exitKind'
  | 'exitOn'
  | 'exitReason';

export type CooperativeColumnKey =
  | 'name'
  | 'codiceFiscale'
  | 'partitaIva'
  | 'alboNumber'
  | 'alboDate'
  | 'alboSection'
  | 'alboCategory'
  | 'legalModel'
  | 'atecoCode'
  | 'comune'
  | 'province'
  | 'region'
  | 'pec'
  | 'foundedOn'
  | 'status'
  | 'socialType'
  | 'territorial'
  | 'sectors';

/** Members (libro soci), in template order. `legalPerson` is an alternative to `personKind` and not in the template. */
export const MEMBER_COLUMNS: readonly ColumnDef<MemberColumnKey>[] = [
  { key: 'registerNumber', it: 'Numero socio', en: 'Member number', required: true, aliases: ['n socio', 'n. socio', 'nr socio', 'num socio', 'numero', 'matricola', 'numero libro soci', 'numero iscrizione', 'posizione', 'register number', 'membership number', 'member no', 'member nr'] },
  { key: 'personKind', it: 'Tipo persona', en: 'Person type', aliases: ['persona', 'tipo soggetto', 'natura', 'person kind', 'kind of person', 'person'] },
  { key: 'legalPerson', it: 'Persona giuridica', en: 'Legal person', aliases: ['giuridica', 'is legal person', 'legal entity', 'ente'] },
  { key: 'codiceFiscale', it: 'Codice fiscale', en: 'Tax code', required: true, aliases: ['cf', 'c.f.', 'cod fiscale', 'cod. fisc.', 'codice fiscale socio', 'codice fiscale / partita iva', 'fiscal code', 'tax id', 'tax code', 'codicefiscale'] },
  { key: 'familyName', it: 'Cognome', en: 'Family name', aliases: ['last name', 'lastname', 'surname'] },
  { key: 'givenName', it: 'Nome', en: 'Given name', aliases: ['first name', 'firstname', 'forename', 'nome proprio'] },
  { key: 'legalName', it: 'Denominazione', en: 'Legal name', aliases: ['ragione sociale', 'denominazione sociale', 'company name', 'organisation name', 'organization name'] },
  { key: 'gender', it: 'Sesso', en: 'Gender', aliases: ['genere', 'sex', 'm/f'] },
  { key: 'birthDate', it: 'Data di nascita', en: 'Date of birth', aliases: ['data nascita', 'nato il', 'nata il', 'nascita', 'birth date', 'birthdate', 'dob'] },
  { key: 'email', it: 'Email', en: 'Email', aliases: ['e-mail', 'mail', 'posta elettronica', 'indirizzo email', 'indirizzo e-mail', 'email address'] },
  { key: 'phone', it: 'Telefono', en: 'Phone', aliases: ['tel', 'tel.', 'cellulare', 'cell', 'recapito telefonico', 'telephone', 'mobile', 'phone number'] },
  { key: 'comune', it: 'Comune', en: 'Municipality', aliases: ['comune di residenza', 'città', 'citta', 'residenza', 'localita', 'località', 'city', 'town'] },
  { key: 'province', it: 'Provincia', en: 'Province', aliases: ['prov', 'prov.', 'sigla provincia', 'provincia di residenza'] },
  { key: 'memberTypes', it: 'Tipi socio', en: 'Member types', required: true, aliases: ['tipo socio', 'tipologia socio', 'categoria socio', 'categorie socio', 'tipologia', 'member type', 'membership type', 'membership types'] },
  { key: 'appliedOn', it: 'Data domanda', en: 'Application date', aliases: ['data richiesta', 'data domanda di ammissione', 'domanda', 'applied on'] },
  { key: 'admittedOn', it: 'Data ammissione', en: 'Admission date', required: true, aliases: ['ammissione', 'data delibera ammissione', 'data di ammissione', 'admitted on', 'admission'] },
  { key: 'registeredOn', it: 'Data iscrizione', en: 'Registration date', aliases: ['data iscrizione libro soci', 'data di iscrizione', 'iscrizione', 'registered on'] },
  { key: 'sharesCount', it: 'Numero quote', en: 'Shares', aliases: ['numero azioni', 'numero quote/azioni', 'n quote', 'n. quote', 'n azioni', 'quote', 'azioni', 'quote/azioni', 'number of shares', 'shares count', 'share count'] },
  { key: 'shareNominal', it: 'Valore nominale', en: 'Nominal value', aliases: ['valore nominale quota', 'valore nominale azione', 'valore quota', 'valore unitario', 'share value', 'par value', 'nominal value per share'] },
  { key: 'subscribed', it: 'Capitale sottoscritto', en: 'Subscribed capital', aliases: ['sottoscritto', 'capitale sociale sottoscritto', 'importo sottoscritto', 'subscribed'] },
  { key: 'paid', it: 'Capitale versato', en: 'Paid-in capital', aliases: ['versato', 'capitale sociale versato', 'importo versato', 'paid in capital', 'paid capital', 'paid'] },
  { key: 'exitKind', it: 'Tipo uscita', en: 'Exit type', aliases: ['causa uscita', 'tipo cessazione', 'causa cessazione', 'exit kind', 'exit reason type'] },
  { key: 'exitOn', it: 'Data uscita', en: 'Exit date', aliases: ['data cessazione', 'data recesso', 'data di uscita', 'exited on', 'exit on'] },
  { key: 'exitReason', it: 'Motivo uscita', en: 'Exit reason', aliases: ['motivazione uscita', 'note uscita', 'motivo cessazione', 'reason for exit'] },
];

export const COOPERATIVE_COLUMNS: readonly ColumnDef<CooperativeColumnKey>[] = [
  { key: 'name', it: 'Denominazione', en: 'Name', required: true, aliases: ['ragione sociale', 'denominazione sociale', 'cooperativa', 'nome cooperativa', 'legal name', 'company name', 'cooperative'] },
  { key: 'codiceFiscale', it: 'Codice fiscale', en: 'Tax code', required: true, aliases: ['cf', 'c.f.', 'cod fiscale', 'cod. fisc.', 'fiscal code', 'tax id', 'codicefiscale'] },
  { key: 'partitaIva', it: 'Partita IVA', en: 'VAT number', aliases: ['p.iva', 'p. iva', 'piva', 'p iva', 'partita iva', 'vat', 'vat id', 'vat no'] },
  { key: 'alboNumber', it: 'Numero Albo', en: 'Albo number', aliases: ['n albo', 'n. albo', 'numero iscrizione albo', 'iscrizione albo', 'albo', 'numero albo cooperative', 'albo register number'] },
  { key: 'alboDate', it: 'Data iscrizione Albo', en: 'Albo registration date', aliases: ['data albo', 'data iscrizione all albo', 'albo date'] },
  { key: 'alboSection', it: 'Sezione', en: 'Section', aliases: ['sezione albo', 'mutualita', 'mutualità', 'albo section'] },
  { key: 'alboCategory', it: 'Categoria', en: 'Category', aliases: ['categoria albo', 'albo category'] },
  { key: 'legalModel', it: 'Modello', en: 'Legal model', aliases: ['modello societario', 'modello di riferimento', 'forma', 'model', 'company model'] },
  { key: 'atecoCode', it: 'ATECO', en: 'ATECO code', aliases: ['codice ateco', 'attività ateco', 'ateco 2007', 'nace', 'activity code'] },
  { key: 'comune', it: 'Comune', en: 'Municipality', aliases: ['sede', 'comune sede', 'sede legale', 'città', 'citta', 'city', 'town'] },
  { key: 'province', it: 'Provincia', en: 'Province', aliases: ['prov', 'prov.', 'sigla provincia'] },
  { key: 'region', it: 'Regione', en: 'Region', aliases: [] },
  { key: 'pec', it: 'PEC', en: 'Certified email', aliases: ['posta certificata', 'email pec', 'indirizzo pec', 'posta elettronica certificata', 'pec email', 'certified e-mail'] },
  { key: 'foundedOn', it: 'Data costituzione', en: 'Founded on', aliases: ['data di costituzione', 'costituzione', 'costituita il', 'foundation date', 'founded', 'date founded'] },
  { key: 'status', it: 'Stato', en: 'Status', aliases: ['stato attività', 'stato attivita', 'situazione'] },
  { key: 'socialType', it: 'Tipo sociale', en: 'Social type', aliases: ['tipo cooperativa sociale', 'tipo coop sociale', 'cooperativa sociale', 'tipologia sociale', 'social coop type', 'social cooperative type'] },
  { key: 'territorial', it: 'Associazione territoriale', en: 'Territorial association', aliases: ['territoriale', 'associazione', 'sede territoriale', 'territorial', 'association'] },
  { key: 'sectors', it: 'Associazioni settoriali', en: 'Sectoral associations', aliases: ['associazione settoriale', 'settoriali', 'settoriale', 'settori', 'settore', 'sectoral association', 'sectoral', 'sectors'] },
];

export function columnsOf(kind: ImportKind): readonly ColumnDef[] {
  return kind === 'members' ? MEMBER_COLUMNS : COOPERATIVE_COLUMNS;
}

/** Case-, accent-, space- and punctuation-insensitive form of a header or a coded value ("Mutualità" → "mutualita"). */
export function normalizeLabel(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const lookups = new Map<ImportKind, Map<string, ColumnDef>>();

function lookupFor(kind: ImportKind): Map<string, ColumnDef> {
  let m = lookups.get(kind);
  if (!m) {
    m = new Map();
    for (const def of columnsOf(kind)) {
      for (const name of [def.key, def.it, def.en, ...def.aliases]) {
        const n = normalizeLabel(name);
        const prior = m.get(n);
        if (prior && prior !== def) throw new Error(`import column alias "${name}" is ambiguous (${prior.key}, ${def.key})`);
        m.set(n, def);
      }
    }
    lookups.set(kind, m);
  }
  return m;
}

export interface ColumnMapping<K extends string = string> {
  kind: ImportKind;
  /** Cell index of each recognised column. */
  index: Map<K, number>;
  /** The header as written in the file, by key (used in row errors). */
  header: Map<K, string>;
  /** Unrecognised non-empty headers, in file order. */
  unknown: string[];
  /** Required columns not in the header. */
  missing: ColumnDef<K>[];
  /** Headers naming a column already seen (the later one is ignored). */
  duplicates: string[];
  /** Number of header cells (a row longer than this with non-empty extra cells is reported). */
  width: number;
}

export function mapColumns<K extends string>(kind: ImportKind, headers: readonly string[]): ColumnMapping<K> {
  const lookup = lookupFor(kind);
  const index = new Map<K, number>();
  const header = new Map<K, string>();
  const unknown: string[] = [];
  const duplicates: string[] = [];
  headers.forEach((raw, i) => {
    const h = raw.replace(/^\uFEFF/, '').trim();
    if (h === '') return;
    const def = lookup.get(normalizeLabel(h)) ?? lookup.get(normalizeLabel(h.replace(/\*+$|\(.*\)$/g, '')));
    if (!def) {
      unknown.push(h);
      return;
    }
    const key = def.key as K;
    if (index.has(key)) {
      duplicates.push(h);
      return;
    }
    index.set(key, i);
    header.set(key, h);
  });
  const missing = (columnsOf(kind) as readonly ColumnDef<K>[]).filter((d) => d.required && !index.has(d.key));
  return { kind, index, header, unknown, missing, duplicates, width: headers.length };
}

export function columnDef(kind: ImportKind, key: string): ColumnDef | undefined {
  return columnsOf(kind).find((d) => d.key === key);
}

/** The header to show for a column: as written in the file when present, else the template's in the locale. */
export function columnTitle(mapping: ColumnMapping, key: string, locale: Locale = 'it'): string {
  const inFile = mapping.header.get(key);
  if (inFile) return inFile;
  const def = columnDef(mapping.kind, key);
  return def ? def[locale] : key;
}
