// The personal-data catalogue: for EVERY table of the database, either how its rows about a member are exported
// (which rows: a SQL predicate; which columns, each described in Italian and English) or why it is not exported.
// test/privacy/completeness.test.ts compares this with the migrated database and fails naming any table or column
// that is missing here (or named here and gone), so a module that adds a table or a column must say what it is.
//
// Row predicates are SQL over the table aliased `t`, with two parameters: $1 = the ids of the people linked to the
// account (uuid[]; at most one today, since accounts.person_id is unique) and $2 = the account's id (uuid).

export interface Bilingual {
  it: string;
  en: string;
}

export interface ExportedColumn {
  export: true;
  description: Bilingual;
}
export interface WithheldColumn {
  export: false;
  /** Why the column is present in the database but not in the copy (a secret, someone else's data …). */
  reason: Bilingual;
}
export type ColumnRule = ExportedColumn | WithheldColumn;

/** JSON Schema of a computed column (the database's own columns get theirs from information_schema). */
export type ExtraType = { type: 'string' | 'integer' | 'boolean'; nullable: boolean; format?: 'date' | 'date-time' | 'uuid' };

export interface ExportedTable {
  kind: 'export';
  table: string;
  /** The module that owns the table. */
  module: string;
  /** File name in the ZIP (data/<section>.json, csv/<section>.csv, schemas/<section>.schema.json). */
  section: string;
  title: Bilingual;
  /** Which rows are the member's. */
  description: Bilingual;
  rows: string;
  order: string;
  columns: Record<string, ColumnRule>;
  /** Computed columns that make the copy readable (a co-op's name next to its id). */
  extra?: Record<string, { sql: string; schema: ExtraType; description: Bilingual }>;
  /** What erasure (GDPR art. 17) does to the member's rows: see TableErasure. */
  erasure: TableErasure;
}

// ---------- erasure (GDPR art. 17) ----------
// Every exported table says what erasure does to the member's rows (the export predicate, unless `rows` gives
// another): delete them, keep them whole by law, or update them column by column. test/privacy/erasure.test.ts
// fails when a column has no rule, and after an erasure scans every table for the member's former values.

/**
 * One column of a row that stays: `keep` (the table's legal basis applies), `null`, `pseudonymise` (HMAC-SHA256 under
 * PRIVACY_PSEUDONYM_KEY, a key kept outside the database), `redact` (a NOT NULL text replaced by a fixed marker),
 * `{ fill }` (something still open is closed: set to now() or to the given code, only where it is empty).
 */
export type ColumnErasure = 'keep' | 'null' | 'pseudonymise' | 'redact' | { fill: 'now' | string };

export type TableErasure =
  | { action: 'delete'; rows?: string }
  | { action: 'keep'; basis: Bilingual }
  | { action: 'update'; basis: Bilingual; columns: Record<string, ColumnErasure>; rows?: string };

export type ExclusionCategory = 'no-personal-data' | 'secret' | 'aggregate' | 'transient' | 'cooperative-record';

export interface ExcludedTable {
  kind: 'excluded';
  table: string;
  module: string;
  category: ExclusionCategory;
  reason: Bilingual;
  /** Every column, so a column added later is flagged for a decision. */
  columns: string[];
  /** An excluded table that still holds rows tied to the account (transient ones) deletes them on erasure. */
  erasure?: { action: 'delete'; rows: string };
}

export type CatalogueEntry = ExportedTable | ExcludedTable;

const x = (it: string, en: string): ExportedColumn => ({ export: true, description: { it, en } });
const w = (it: string, en: string): WithheldColumn => ({ export: false, reason: { it, en } });
const b = (it: string, en: string): Bilingual => ({ it, en });

const SECRET_HASH = w('Impronta (hash) di un segreto: serve solo a verificarlo, non rivela nulla e non va diffusa', 'Hash of a secret: it only serves to check it, reveals nothing and must not circulate');

/** Descriptions shared by columns with the same meaning across tables. */
const c = {
  id: x('Identificativo della riga', 'Row identifier'),
  personId: x('Identificativo della persona nel libro soci (tu)', 'Identifier of the person in the members’ register (you)'),
  accountId: x('Identificativo del tuo account', 'Identifier of your account'),
  cooperativeId: x('Identificativo della cooperativa', 'Identifier of the co-op'),
  organisationId: x('Identificativo dell’organizzazione (cooperativa o associazione)', 'Identifier of the organisation (co-op or association)'),
  membershipId: x('Identificativo dell’iscrizione al libro soci', 'Identifier of the membership in the register'),
  assemblyId: x('Identificativo dell’assemblea', 'Identifier of the assembly'),
  itemId: x('Identificativo del punto all’ordine del giorno', 'Identifier of the agenda item'),
  ballotId: x('Identificativo della votazione', 'Identifier of the ballot'),
  createdAt: x('Data e ora di creazione (ISO 8601)', 'Created at (ISO 8601)'),
  updatedAt: x('Data e ora dell’ultima modifica (ISO 8601)', 'Last changed at (ISO 8601)'),
  expiresAt: x('Scadenza (ISO 8601)', 'Expires at (ISO 8601)'),
  usedAt: x('Quando è stato usato (vuoto: mai)', 'When it was used (empty: never)'),
  byAccount: x('Account che ha registrato l’operazione', 'Account that recorded it'),
  coopName: { sql: '(SELECT o.name FROM organisations o WHERE o.id = t.cooperative_id)', schema: { type: 'string', nullable: true }, description: b('Denominazione della cooperativa', 'Name of the co-op') } as const,
};

/** Erasure deletes the member's rows (those the export selects). */
const DELETE: TableErasure = { action: 'delete' };

/** Why rows or columns survive an erasure: GDPR art. 17(3)(b) (a legal obligation) or (e) (legal claims), with the law. */
export const LEGAL = {
  register: b(
    'Libro soci: tenuto per legge (art. 2421 c. 1 n. 1 c.c., richiamato per le cooperative dall’art. 2519 c.c.: soci, quote, versamenti, trasferimenti) e conservato 10 anni dall’ultima registrazione (art. 2220 c.c.); GDPR art. 17(3)(b). La cancellazione dei dati non è un recesso (art. 2532 c.c.)',
    'Members’ register: kept by law (art. 2421(1)(1) of the Civil Code, applied to co-ops by art. 2519: members, shares, payments, transfers) for 10 years from the last entry (art. 2220); GDPR art. 17(3)(b). Erasing data is not a withdrawal from the co-op (art. 2532)',
  ),
  registerPerson: b(
    'Libro soci (art. 2421 c. 1 n. 1 e 2519 c.c.; art. 2220 c.c., 10 anni): restano nome e cognome o denominazione, codice fiscale (identifica il socio senza ambiguità ed è richiesto dalle dichiarazioni fiscali sui ristorni, art. 2220 c.c.) e comune e provincia (il domicilio del socio); e-mail, telefono, data di nascita e genere non sono richiesti dalla legge e sono cancellati (data e genere restano però ricavabili dal codice fiscale)',
    'Members’ register (arts. 2421(1)(1) and 2519 c.c.; art. 2220, 10 years): the name or legal name, the codice fiscale (it identifies the member unambiguously and the tax returns on ristorni need it, art. 2220) and municipality and province (the member’s domicile) stay; e-mail, phone, birth date and gender are not required by law and are erased (birth date and gender can still be read off the codice fiscale)',
  ),
  tombstone: b(
    'L’account resta come segnaposto disattivato, senza password né nome, con l’e-mail sostituita dalla sua impronta con chiave (HMAC-SHA256, chiave conservata fuori dal database): il suo identificativo è citato da registrazioni conservate per legge (registro delle operazioni, voti espressi, scambi registrati); GDPR art. 17(3)(b) ed (e)',
    'The account stays as a disabled placeholder, with no password or name and the e-mail replaced by its keyed hash (HMAC-SHA256, key kept outside the database): its id is referred to by records kept by law (audit log, votes cast, entries recorded); GDPR art. 17(3)(b) and (e)',
  ),
  audit: b(
    'Registro delle operazioni: prova di chi ha fatto cosa sui dati (GDPR art. 5(2) e 32); contiene solo codici e identificativi, non dati anagrafici',
    'Audit log: proof of who did what to the data (GDPR arts. 5(2) and 32); it holds codes and ids only, no personal details',
  ),
  jobs: b('Il lavoro riguarda i dati della cooperativa: resta, senza l’account che lo ha avviato (nulla di tuo resta, GDPR art. 4(1))', 'The job concerns the co-op’s data: it stays, without the account that started it (nothing of yours remains, GDPR art. 4(1))'),
  credentialStatus: b(
    'La credenziale è revocata e la sua casella nella lista di stato deve restare "revocata" (cancellare la riga libererebbe la casella e la credenziale tornerebbe valida, GDPR art. 32); il contenuto (SD-JWT) è cancellato',
    'The credential is revoked and its status-list slot must keep reading "revoked" (deleting the row would free the slot and the credential would read as valid again, GDPR art. 32); its content (the SD-JWT) is erased',
  ),
  assemblyRecord: b('Assemblee della cooperativa: atti sociali (art. 2421 c. 1 n. 3 c.c., libro delle adunanze), non dati tuoi', 'The co-op’s assemblies: its corporate records (art. 2421(1)(3) c.c., book of meetings), not your data'),
  assembly: b(
    'Verbale dell’assemblea: deve indicare i partecipanti, i voti e l’esito (art. 2375 c.c.) ed è conservato nel libro delle adunanze (art. 2421 c. 1 n. 3 c.c.); GDPR art. 17(3)(b)',
    'Minutes of the assembly: they must name those taking part, the votes and the result (art. 2375 c.c.) and are kept in the book of meetings (art. 2421(1)(3)); GDPR art. 17(3)(b)',
  ),
  openVotes: b(
    'Votazioni palesi: il verbale identifica i soci favorevoli, astenuti o dissenzienti (art. 2375 c. 1 c.c.), anche per poter impugnare la delibera (art. 2377 c.c.)',
    'Open ballots: the minutes identify the members for, abstaining or against (art. 2375(1) c.c.), also so the resolution can be challenged (art. 2377)',
  ),
  proxies: b('Le deleghe sono conservate dalla società (art. 2372 c. 1 c.c.; per le cooperative art. 2539 c.c.)', 'Proxies are kept by the company (art. 2372(1) c.c.; for co-ops art. 2539)'),
  convocation: b(
    'Prova della convocazione dell’assemblea (art. 2366 c.c. e statuto): restano destinatario, date di invio e di ricezione; l’indirizzo è sostituito dalla sua impronta con chiave e il testo è cancellato',
    'Proof that the assembly was convened (art. 2366 c.c. and the statute): recipient, sent and received dates stay; the address is replaced by its keyed hash and the text is erased',
  ),
  thread: b(
    'L’intervento resta come segnaposto perché le risposte degli altri soci non perdano il loro posto; nome e testo sono cancellati (nulla di tuo resta, GDPR art. 4(1))',
    'The comment stays as a placeholder so that other members’ replies keep their place; name and text are erased (nothing of yours remains, GDPR art. 4(1))',
  ),
  motion: b(
    'Proposte, emendamenti e documenti messi all’ordine del giorno fanno parte degli atti dell’assemblea (art. 2375 e 2421 c. 1 n. 3 c.c.); il nome di chi propone un emendamento è cancellato, l’account resta come segnaposto',
    'Motions, amendments and documents put on the agenda are part of the assembly’s records (arts. 2375 and 2421(1)(3) c.c.); an amendment’s proposer name is erased, the account stays as a placeholder',
  ),
  offices: b('Cariche sociali: nomina e cessazione sono atti iscritti nel registro delle imprese (art. 2383 e 2385 c.c.)', 'Offices: appointment and end are entered in the companies register (arts. 2383 and 2385 c.c.)'),
  sections: b('Sezioni soci: decidono in quale assemblea separata vota il socio (art. 2540 c.c.); parte del libro soci', 'Member sections: they decide in which sectional meeting the member votes (art. 2540 c.c.); part of the register'),
  evote: b(
    'Votazione cifrata verificabile: la casella anonima, la bacheca pubblica e gli impegni dei garanti servono a verificare il risultato (art. 2375 c.c.); nessuna scelta è collegata a una persona',
    'Verifiable encrypted ballot: the anonymous slot, the public board and the trustees’ commitments are needed to verify the result (art. 2375 c.c.); no choice is linked to a person',
  ),
  accounting: b(
    'Scritture contabili: scambi mutualistici, ristorni e movimenti di capitale sono conservati 10 anni (art. 2220 c.c.; art. 2545-sexies c.c. per i ristorni; art. 22 d.P.R. 600/1973); GDPR art. 17(3)(b)',
    'Accounting records: mutual exchanges, ristorni and share-capital movements are kept for 10 years (art. 2220 c.c.; art. 2545-sexies for ristorni; art. 22 Presidential Decree 600/1973); GDPR art. 17(3)(b)',
  ),
  consentProof: b(
    'Prova del consenso: chi tratta dati sul consenso deve poter dimostrare che era stato dato (GDPR art. 7(1); art. 17(3)(e)); i consensi ancora validi sono revocati',
    'Proof of consent: whoever relies on consent must be able to show it was given (GDPR art. 7(1); art. 17(3)(e)); consents still in force are withdrawn',
  ),
  requests: b(
    'Richieste sui dati: prova che la richiesta è stata ricevuta e soddisfatta nei termini (GDPR art. 5(2), 12(3) e 19); il messaggio libero è cancellato',
    'Data requests: proof that the request was received and answered in time (GDPR arts. 5(2), 12(3) and 19); the free-text message is erased',
  ),
  notifications: b('Prova che le applicazioni collegate sono state informate della cancellazione (GDPR art. 19)', 'Proof that the connected applications were told of the erasure (GDPR art. 19)'),
};

const MY_MEMBERSHIPS = 'SELECT m.id FROM memberships m WHERE m.person_id = ANY($1::uuid[])';
const MY_ASSEMBLIES = `SELECT r.assembly_id FROM assembly_roll r WHERE r.person_id = ANY($1::uuid[])
  UNION SELECT n.assembly_id FROM governance_notices n WHERE n.person_id = ANY($1::uuid[])`;

export const CATALOGUE: CatalogueEntry[] = [
  // ---------------- registry ----------------
  {
    kind: 'export', table: 'people', module: 'registry', section: 'profile',
    erasure: { action: 'update', basis: LEGAL.registerPerson, columns: { id: 'keep', kind: 'keep', given_name: 'keep', family_name: 'keep', legal_name: 'keep', codice_fiscale: 'keep', birth_date: 'null', gender: 'null', email: 'null', phone: 'null', comune: 'keep', province: 'keep', created_at: 'keep', updated_at: 'keep' } },
    title: b('Anagrafica', 'Profile'),
    description: b('La tua scheda nel libro soci', 'Your record in the members’ register'),
    rows: 't.id = ANY($1::uuid[])', order: 't.id',
    columns: {
      id: c.personId,
      kind: x('Persona fisica (natural) o giuridica (legal)', 'Natural or legal person'),
      given_name: x('Nome', 'Given name'),
      family_name: x('Cognome', 'Family name'),
      legal_name: x('Denominazione (persona giuridica)', 'Legal name (legal person)'),
      codice_fiscale: x('Codice fiscale', 'Italian tax code'),
      birth_date: x('Data di nascita', 'Date of birth'),
      gender: x('Genere (F, M o altro)', 'Gender (F, M or other)'),
      email: x('E-mail nel libro soci', 'E-mail in the register'),
      phone: x('Telefono', 'Phone'),
      comune: x('Comune di residenza o sede', 'Municipality of residence or seat'),
      province: x('Sigla della provincia', 'Province code'),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
    },
  },
  {
    kind: 'export', table: 'memberships', module: 'registry', section: 'memberships',
    erasure: { action: 'keep', basis: LEGAL.register },
    title: b('Iscrizioni al libro soci', 'Memberships'),
    description: b('Le tue iscrizioni nei libri soci delle cooperative, anche quelle chiuse', 'Your memberships in the co-ops’ registers, ended ones included'),
    rows: 't.person_id = ANY($1::uuid[])', order: 't.admitted_on, t.id',
    columns: {
      id: c.membershipId,
      cooperative_id: c.cooperativeId,
      person_id: c.personId,
      register_number: x('Numero di iscrizione nel libro soci', 'Number in the members’ register'),
      member_types: x('Tipi di socio (lavoratore, utente, sovventore …)', 'Member types (worker, user, financing …)'),
      applied_on: x('Data della domanda di ammissione', 'Date of the application'),
      admitted_on: x('Data della delibera di ammissione', 'Date of admission'),
      registered_on: x('Data di iscrizione nel libro soci', 'Date of entry in the register'),
      shares_count: x('Numero di quote o azioni', 'Number of shares'),
      share_nominal_cents: x('Valore nominale di una quota, in centesimi', 'Nominal value of a share, in cents'),
      subscribed_cents: x('Capitale sottoscritto, in centesimi', 'Subscribed capital, in cents'),
      paid_cents: x('Capitale versato, in centesimi', 'Paid-in capital, in cents'),
      exit_kind: x('Modo di uscita (recesso, esclusione, decesso, trasferimento)', 'How the membership ended (withdrawal, exclusion, death, transfer)'),
      exit_on: x('Data di uscita', 'Date of exit'),
      exit_reason: x('Motivo dell’uscita', 'Reason for the exit'),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
    },
    extra: {
      cooperative_name: c.coopName,
      // The co-op's public identifiers, so another instance can tell which co-op a membership is in (portability).
      cooperative_codice_fiscale: { sql: '(SELECT k.codice_fiscale FROM cooperatives k WHERE k.organisation_id = t.cooperative_id)', schema: { type: 'string', nullable: true }, description: b('Codice fiscale della cooperativa', 'Tax code of the co-op') },
      cooperative_albo_number: { sql: '(SELECT k.albo_number FROM cooperatives k WHERE k.organisation_id = t.cooperative_id)', schema: { type: 'string', nullable: true }, description: b('Numero di iscrizione all’Albo delle cooperative', 'Number in the national register of co-ops') },
    },
  },
  { kind: 'excluded', table: 'organisations', module: 'registry', category: 'no-personal-data', reason: b('Organizzazioni della federazione (cooperative e associazioni): dati pubblici, non tuoi; il nome delle tue cooperative è nelle iscrizioni', 'The federation’s organisations (co-ops and associations): public data, not yours; your co-ops’ names are in the memberships'), columns: ['id', 'kind', 'name', 'short_name', 'parent_id', 'created_at', 'updated_at'] },
  { kind: 'excluded', table: 'organisation_closure', module: 'registry', category: 'no-personal-data', reason: b('Struttura ad albero della federazione', 'The federation’s tree structure'), columns: ['ancestor_id', 'descendant_id', 'depth'] },
  { kind: 'excluded', table: 'cooperatives', module: 'registry', category: 'no-personal-data', reason: b('Dati delle cooperative (persone giuridiche), pubblici nell’Albo', 'The co-ops’ data (legal persons), public in the national register'), columns: ['organisation_id', 'codice_fiscale', 'partita_iva', 'albo_number', 'albo_date', 'albo_section', 'albo_category', 'legal_model', 'ateco_code', 'comune', 'province', 'region', 'pec', 'founded_on', 'status', 'social_type', 'register_version'] },
  { kind: 'excluded', table: 'cooperative_sectors', module: 'registry', category: 'no-personal-data', reason: b('Adesione delle cooperative alle associazioni di settore', 'Co-ops’ affiliation to sectoral associations'), columns: ['cooperative_id', 'sectoral_id'] },
  { kind: 'excluded', table: 'yearly_figures', module: 'registry', category: 'aggregate', reason: b('Dati annuali aggregati delle cooperative (numeri, non persone)', 'Co-ops’ yearly aggregate figures (counts, not people)'), columns: ['cooperative_id', 'year', 'members_by_type', 'employees_women', 'employees_men', 'employees_other', 'production_value_cents', 'share_capital_subscribed_cents', 'share_capital_paid_cents', 'updated_at'] },
  { kind: 'excluded', table: 'coop_member_stats', module: 'registry', category: 'aggregate', reason: b('Conteggi dei soci per cooperativa, anno, tipo e genere', 'Member counts per co-op, year, type and gender'), columns: ['cooperative_id', 'year', 'member_type', 'gender', 'members'] },

  // ---------------- identity ----------------
  {
    kind: 'export', table: 'accounts', module: 'identity', section: 'account',
    erasure: { action: 'update', basis: LEGAL.tombstone, columns: { id: 'keep', email: 'pseudonymise', password_hash: 'null', person_id: 'null', display_name: 'redact', locale: 'keep', failed_sign_ins: 'keep', locked_until: 'null', disabled_at: { fill: 'now' }, created_at: 'keep', last_sign_in_at: 'null', email_verified_at: 'null' } },
    title: b('Account', 'Account'),
    description: b('Il tuo account di accesso alla piattaforma', 'Your sign-in account on the platform'),
    rows: 't.id = $2::uuid', order: 't.id',
    columns: {
      id: c.accountId,
      email: x('E-mail di accesso', 'Sign-in e-mail'),
      password_hash: w('Impronta argon2id della password: presente, non esportata (è un segreto e non rivela la password)', 'argon2id hash of the password: present, not exported (a secret that does not reveal the password)'),
      person_id: c.personId,
      display_name: x('Nome mostrato', 'Display name'),
      locale: x('Lingua (it o en)', 'Language (it or en)'),
      failed_sign_ins: x('Accessi falliti consecutivi', 'Consecutive failed sign-ins'),
      locked_until: x('Bloccato fino a (dopo troppi tentativi)', 'Locked until (after too many attempts)'),
      disabled_at: x('Disattivato il', 'Disabled at'),
      created_at: c.createdAt,
      last_sign_in_at: x('Ultimo accesso', 'Last sign-in'),
      email_verified_at: x('E-mail verificata il', 'E-mail verified at'),
    },
  },
  {
    kind: 'export', table: 'sessions', module: 'identity', section: 'sessions',
    erasure: DELETE,
    title: b('Sessioni', 'Sessions'),
    description: b('Le sessioni aperte del tuo account', 'Your account’s open sessions'),
    rows: 't.account_id = $2::uuid', order: 't.created_at',
    columns: {
      id_hash: SECRET_HASH,
      account_id: c.accountId,
      csrf_token: w('Token anti-CSRF della sessione: un segreto', 'The session’s anti-CSRF token: a secret'),
      created_at: x('Aperta il', 'Opened at'),
      last_seen_at: x('Ultima attività', 'Last activity'),
      expires_at: c.expiresAt,
      ip: x('Indirizzo IP', 'IP address'),
      user_agent: x('Browser (user agent)', 'Browser (user agent)'),
      authenticated_at: x('Ultima verifica dell’identità (accesso o conferma)', 'Last identity check (sign-in or step-up)'),
      auth_method: x('Come è stata aperta (password, passkey, codice di recupero, invito)', 'How it was opened (password, passkey, recovery code, invitation)'),
    },
  },
  {
    kind: 'export', table: 'role_grants', module: 'identity', section: 'roles',
    erasure: DELETE,
    title: b('Ruoli', 'Roles'),
    description: b('I ruoli assegnati al tuo account', 'The roles granted to your account'),
    rows: 't.account_id = $2::uuid', order: 't.created_at',
    columns: { id: c.id, account_id: c.accountId, role: x('Ruolo (amministratore di cooperativa, staff di associazione, amministratore della piattaforma)', 'Role (co-op administrator, association staff, platform administrator)'), organisation_id: c.organisationId, created_at: c.createdAt },
  },
  {
    kind: 'export', table: 'invitations', module: 'identity', section: 'invitations',
    erasure: DELETE,
    title: b('Inviti', 'Invitations'),
    description: b('Gli inviti a creare l’account ricevuti per te', 'The invitations to open an account sent for you'),
    rows: 't.account_id = $2::uuid OR t.person_id = ANY($1::uuid[])', order: 't.created_at',
    columns: {
      id: c.id,
      token_hash: SECRET_HASH,
      email: x('E-mail a cui è stato mandato', 'E-mail it was sent to'),
      display_name: x('Nome indicato nell’invito', 'Name in the invitation'),
      person_id: c.personId,
      role: x('Ruolo offerto con l’invito', 'Role offered with the invitation'),
      organisation_id: c.organisationId,
      created_by: x('Account che ha invitato', 'Account that invited'),
      created_at: c.createdAt,
      expires_at: c.expiresAt,
      accepted_at: x('Accettato il', 'Accepted at'),
      account_id: c.accountId,
      mailed_at: x('Spedito per e-mail il', 'Mailed at'),
      job_id: x('Invio di gruppo che lo ha spedito', 'Batch job that sent it'),
    },
  },
  {
    kind: 'export', table: 'account_tokens', module: 'identity', section: 'email-tokens',
    erasure: DELETE,
    title: b('Link inviati per e-mail', 'Links sent by e-mail'),
    description: b('I link di verifica dell’e-mail e di reimpostazione della password mandati al tuo account', 'E-mail verification and password reset links sent to your account'),
    rows: 't.account_id = $2::uuid', order: 't.created_at',
    columns: { token_hash: SECRET_HASH, account_id: c.accountId, purpose: x('A cosa serve (verifica, reimpostazione)', 'What it is for (verification, reset)'), email: x('E-mail a cui è stato mandato', 'E-mail it was sent to'), created_at: c.createdAt, expires_at: c.expiresAt, used_at: c.usedAt },
  },
  {
    kind: 'export', table: 'sign_in_attempts', module: 'identity', section: 'sign-in-failures',
    erasure: DELETE,
    title: b('Tentativi di accesso falliti', 'Failed sign-in attempts'),
    description: b('I tentativi falliti registrati sul tuo indirizzo e-mail (servono al blocco temporaneo)', 'Failed attempts recorded against your e-mail address (they drive the temporary lock)'),
    rows: `t.key IN (SELECT 'email:' || lower(a.email) FROM accounts a WHERE a.id = $2::uuid UNION SELECT 'lock:' || lower(a.email) FROM accounts a WHERE a.id = $2::uuid)`, order: 't.at',
    columns: { key: x('Chiave del contatore (email: o lock: seguito dall’indirizzo)', 'Counter key (email: or lock: and the address)'), at: x('Quando', 'When') },
  },
  {
    kind: 'export', table: 'passkeys', module: 'identity', section: 'passkeys',
    erasure: DELETE,
    title: b('Passkey', 'Passkeys'),
    description: b('Le passkey registrate sul tuo account', 'The passkeys registered on your account'),
    rows: 't.account_id = $2::uuid', order: 't.created_at',
    columns: {
      id: c.id, account_id: c.accountId,
      credential_id: x('Identificativo della credenziale WebAuthn (base64url)', 'WebAuthn credential id (base64url)'),
      public_key: x('Chiave pubblica (COSE, in base64): pubblica, non un segreto', 'Public key (COSE, base64): public, not a secret'),
      counter: x('Contatore delle firme', 'Signature counter'),
      transports: x('Modi di collegamento dell’autenticatore (usb, nfc, internal …)', 'Authenticator transports (usb, nfc, internal …)'),
      name: x('Nome dato alla passkey', 'Name given to the passkey'),
      aaguid: x('Modello dell’autenticatore (AAGUID)', 'Authenticator model (AAGUID)'),
      device_type: x('Su un solo dispositivo o sincronizzata', 'Single-device or multi-device'),
      backed_up: x('Sincronizzata (copia di sicurezza)', 'Synced (backed up)'),
      created_at: c.createdAt,
      last_used_at: x('Ultimo uso', 'Last used'),
    },
  },
  {
    kind: 'export', table: 'recovery_codes', module: 'identity', section: 'recovery-codes',
    erasure: DELETE,
    title: b('Codici di recupero', 'Recovery codes'),
    description: b('Quando sono stati creati e usati i tuoi codici di recupero (non i codici)', 'When your recovery codes were made and used (not the codes)'),
    rows: 't.account_id = $2::uuid', order: 't.created_at',
    columns: { account_id: c.accountId, code_hash: SECRET_HASH, created_at: c.createdAt, used_at: c.usedAt },
  },
  { kind: 'excluded', table: 'webauthn_challenges', module: 'identity', category: 'transient', reason: b('Sfide WebAuthn valide pochi minuti e cancellate all’uso', 'WebAuthn challenges valid for minutes and deleted on use'), columns: ['id', 'challenge', 'purpose', 'account_id', 'session_id_hash', 'expires_at'], erasure: { action: 'delete', rows: 't.account_id = $2::uuid' } },
  {
    kind: 'export', table: 'mail_outbox', module: 'identity', section: 'mail',
    erasure: DELETE,
    title: b('E-mail inviate', 'Mail sent'),
    description: b('Le e-mail che la piattaforma ti ha mandato o deve mandarti', 'The e-mails the platform sent you or is about to'),
    rows: 't.account_id = $2::uuid OR lower(t.to_address) IN (SELECT lower(a.email) FROM accounts a WHERE a.id = $2::uuid)', order: 't.created_at',
    columns: {
      id: c.id,
      to_address: x('Destinatario', 'Recipient'),
      subject: x('Oggetto', 'Subject'),
      text_body: w('Testo: può contenere link monouso (token di accesso o di verifica); viene cancellato dopo l’invio', 'Body: may hold single-use links (sign-in or verification tokens); erased once sent'),
      html_body: w('Testo HTML: come sopra', 'HTML body: as above'),
      template: x('Tipo di messaggio', 'Kind of message'),
      locale: x('Lingua', 'Language'),
      account_id: c.accountId,
      status: x('Stato (in attesa, inviata, fallita)', 'Status (pending, sent, failed)'),
      attempts: x('Tentativi di invio', 'Delivery attempts'),
      last_error: x('Ultimo errore di invio', 'Last delivery error'),
      next_attempt_at: x('Prossimo tentativo', 'Next attempt'),
      created_at: c.createdAt,
      sent_at: x('Inviata il', 'Sent at'),
    },
  },
  {
    kind: 'export', table: 'oidc_models', module: 'identity', section: 'connected-applications',
    erasure: { action: 'delete', rows: `t.payload->>'accountId' = ($2::uuid)::text OR t.grant_id IN (SELECT g.id FROM oidc_models g WHERE g.model = 'Grant' AND g.payload->>'accountId' = ($2::uuid)::text)` },
    title: b('Applicazioni collegate', 'Connected applications'),
    description: b('Le autorizzazioni date ad altre applicazioni che accedono con il tuo account (OpenID Connect); token e sessioni del provider non sono esportati perché sono segreti', 'The authorisations you gave other applications signing in with your account (OpenID Connect); the provider’s tokens and sessions are secrets and not exported'),
    rows: `t.model = 'Grant' AND t.payload->>'accountId' = ($2::uuid)::text`, order: 't.id',
    columns: {
      model: x('Tipo di oggetto (Grant = autorizzazione)', 'Object type (Grant = authorisation)'),
      id: c.id,
      payload: x('Autorizzazione: applicazione, ambiti (scope) e dati concessi', 'Authorisation: application, scopes and claims granted'),
      grant_id: x('Identificativo dell’autorizzazione', 'Authorisation id'),
      user_code: w('Codice del flusso su dispositivo: segreto temporaneo', 'Device-flow code: a temporary secret'),
      uid: w('Identificativo di un’interazione in corso: temporaneo', 'Id of an interaction in progress: temporary'),
      expires_at: c.expiresAt,
      consumed_at: x('Usata il', 'Consumed at'),
    },
  },
  { kind: 'excluded', table: 'oidc_clients', module: 'identity', category: 'no-personal-data', reason: b('Applicazioni registrate dagli amministratori della piattaforma (i segreti sono cifrati)', 'Applications registered by the platform administrators (secrets sealed)'), columns: ['client_id', 'name', 'secret_enc', 'token_endpoint_auth_method', 'redirect_uris', 'post_logout_redirect_uris', 'sector_identifier_uri', 'allow_refresh', 'created_by', 'created_at', 'updated_at', 'disabled_at'] },
  { kind: 'excluded', table: 'signing_keys', module: 'identity', category: 'secret', reason: b('Chiavi di firma della piattaforma (le private sono cifrate): non riguardano persone', 'The platform’s signing keys (private ones sealed): about no person'), columns: ['kid', 'purpose', 'alg', 'public_jwk', 'private_jwk_enc', 'created_at', 'retired_at', 'unpublish_at'] },
  { kind: 'excluded', table: 'platform_secrets', module: 'identity', category: 'secret', reason: b('Segreti della piattaforma (sale degli identificativi OpenID Connect)', 'Platform secrets (the OpenID Connect subject salt)'), columns: ['name', 'value', 'created_at'] },
  { kind: 'excluded', table: 'status_lists', module: 'identity', category: 'no-personal-data', reason: b('Liste di stato delle credenziali: solo bit anonimi', 'Credential status lists: anonymous bits only'), columns: ['id', 'size', 'used', 'created_at'] },
  {
    kind: 'export', table: 'membership_credentials', module: 'identity', section: 'membership-credentials',
    erasure: { action: 'update', basis: LEGAL.credentialStatus, columns: { id: 'keep', account_id: 'keep', membership_id: 'keep', cooperative_id: 'keep', status_list_id: 'keep', status_idx: 'keep', kid: 'keep', issued_at: 'keep', expires_at: 'keep', revoked_at: { fill: 'now' }, revoked_reason: { fill: 'account-removed' }, via: 'keep', holder_bound: 'keep', sd_jwt: 'redact' } },
    title: b('Tessere digitali (credenziali)', 'Membership credentials'),
    description: b('Le credenziali verificabili di iscrizione emesse per te', 'The verifiable membership credentials issued to you'),
    rows: 't.account_id = $2::uuid', order: 't.issued_at',
    columns: {
      id: c.id, account_id: c.accountId, membership_id: c.membershipId, cooperative_id: c.cooperativeId,
      status_list_id: x('Lista di stato che ne dice la revoca', 'Status list that carries its revocation'),
      status_idx: x('Posizione nella lista di stato', 'Index in the status list'),
      kid: x('Chiave con cui è firmata', 'Key it is signed with'),
      issued_at: x('Emessa il', 'Issued at'),
      expires_at: c.expiresAt,
      revoked_at: x('Revocata il', 'Revoked at'),
      revoked_reason: x('Motivo della revoca', 'Reason for the revocation'),
      via: x('Dove è stata emessa (app web o wallet)', 'Where it was issued (web app or wallet)'),
      holder_bound: x('Legata alla chiave di un wallet', 'Bound to a wallet key'),
      sd_jwt: x('La credenziale stessa (SD-JWT VC)', 'The credential itself (SD-JWT VC)'),
    },
  },
  {
    kind: 'export', table: 'vci_offers', module: 'identity', section: 'wallet-offers',
    erasure: DELETE,
    title: b('Offerte a un wallet', 'Wallet offers'),
    description: b('Le offerte di credenziale a un wallet create da te', 'The credential offers to a wallet you created'),
    rows: 't.account_id = $2::uuid', order: 't.created_at',
    columns: { id: c.id, code_hash: SECRET_HASH, tx_code_hash: SECRET_HASH, account_id: c.accountId, membership_id: c.membershipId, created_at: c.createdAt, expires_at: c.expiresAt, failed_attempts: x('PIN sbagliati', 'Wrong PINs'), used_at: c.usedAt },
  },
  {
    kind: 'export', table: 'vci_access_tokens', module: 'identity', section: 'wallet-tokens',
    erasure: DELETE,
    title: b('Token dei wallet', 'Wallet tokens'),
    description: b('I token dati ai wallet per le tue offerte (non i token)', 'Tokens given to wallets for your offers (not the tokens)'),
    rows: 't.offer_id IN (SELECT o.id FROM vci_offers o WHERE o.account_id = $2::uuid)', order: 't.expires_at',
    columns: { token_hash: SECRET_HASH, offer_id: x('Offerta a cui appartiene', 'Offer it belongs to'), expires_at: c.expiresAt, used_at: c.usedAt },
  },
  { kind: 'excluded', table: 'vci_nonces', module: 'identity', category: 'transient', reason: b('Nonce anonimi per le prove dei wallet, validi pochi minuti', 'Anonymous nonces for wallet proofs, valid for minutes'), columns: ['nonce_hash', 'expires_at', 'used_at'] },

  // ---------------- core ----------------
  {
    kind: 'export', table: 'audit_log', module: 'core', section: 'audit-log',
    erasure: { action: 'keep', basis: LEGAL.audit },
    title: b('Registro delle operazioni', 'Audit log'),
    description: b('Le operazioni registrate sui tuoi dati (persona, iscrizioni, account) e quelle fatte da te', 'The operations recorded on your data (person, memberships, account) and those you made'),
    rows: `(t.subject_type = 'account' AND t.subject_id = ($2::uuid)::text)
      OR (t.subject_type = 'person' AND t.subject_id = ANY($1::uuid[]::text[]))
      OR (t.subject_type = 'membership' AND t.subject_id IN (SELECT m.id::text FROM memberships m WHERE m.person_id = ANY($1::uuid[])))
      OR t.actor_account_id = $2::uuid`,
    order: 't.at, t.id',
    columns: {
      id: c.id,
      at: x('Quando', 'When'),
      actor_account_id: x('Account che ha agito (vuoto: il sistema)', 'Account that acted (empty: the system)'),
      action: x('Operazione', 'Operation'),
      subject_type: x('Tipo di dato toccato (account, persona, iscrizione …)', 'Kind of data touched (account, person, membership …)'),
      subject_id: x('Identificativo del dato toccato', 'Id of the data touched'),
      organisation_id: c.organisationId,
      request_id: x('Identificativo della richiesta HTTP', 'HTTP request id'),
      details: x('Dettagli (solo codici e identificativi)', 'Details (codes and ids only)'),
    },
  },
  { kind: 'excluded', table: 'schema_migrations', module: 'core', category: 'no-personal-data', reason: b('Versioni dello schema del database', 'Database schema versions'), columns: ['version', 'name', 'checksum', 'applied_at'] },
  {
    kind: 'export', table: 'jobs', module: 'core', section: 'jobs',
    erasure: { action: 'update', basis: LEGAL.jobs, columns: { id: 'keep', kind: 'keep', status: 'keep', account_id: 'null', organisation_id: 'keep', params: 'keep', progress: 'keep', result: 'keep', error: 'keep', created_at: 'keep', heartbeat_at: 'keep', finished_at: 'keep', cancel_requested: 'keep' } },
    title: b('Lavori in background', 'Background jobs'),
    description: b('I lavori in background avviati da te (importazioni, inviti)', 'The background jobs you started (imports, invitations)'),
    rows: 't.account_id = $2::uuid', order: 't.created_at',
    columns: {
      id: c.id, kind: x('Tipo di lavoro', 'Kind of job'), status: x('Stato', 'Status'), account_id: c.accountId, organisation_id: c.organisationId,
      params: w('Parametri: possono contenere dati di altre persone (file importati)', 'Parameters: may hold other people’s data (imported files)'),
      progress: x('Avanzamento', 'Progress'),
      result: w('Esito: può contenere dati di altre persone (righe scartate di un’importazione)', 'Result: may hold other people’s data (rejected rows of an import)'),
      error: x('Problema che lo ha fermato', 'Problem that stopped it'),
      created_at: c.createdAt, heartbeat_at: x('Ultimo segnale di vita', 'Last heartbeat'), finished_at: x('Finito il', 'Finished at'), cancel_requested: x('Annullamento chiesto', 'Cancellation requested'),
    },
  },

  // ---------------- governance ----------------
  {
    kind: 'export', table: 'assemblies', module: 'governance', section: 'assemblies',
    erasure: { action: 'keep', basis: LEGAL.assemblyRecord },
    title: b('Assemblee', 'Assemblies'),
    description: b('Le assemblee a cui sei o eri convocato (nel ruolo dei votanti o destinatario di un avviso)', 'The assemblies you are or were convened to (on the roll or sent a notice)'),
    rows: `t.id IN (${MY_ASSEMBLIES})`, order: 't.first_call_at, t.id',
    columns: {
      id: c.assemblyId, cooperative_id: c.cooperativeId,
      parent_id: x('Assemblea generale di cui è un’assemblea separata', 'General assembly this sectional meeting belongs to'),
      section_id: x('Sezione (assemblee separate)', 'Section (sectional meetings)'),
      delegates_to_elect: x('Delegati da eleggere', 'Delegates to elect'),
      sectional: x('Assemblea separata', 'Sectional meeting'),
      kind: x('Ordinaria o straordinaria', 'Ordinary or extraordinary'),
      title: x('Titolo', 'Title'), description: x('Descrizione', 'Description'),
      mode: x('In presenza, ibrida o da remoto', 'In person, hybrid or remote'),
      place: x('Luogo', 'Place'), online_url: x('Link per partecipare', 'Link to take part'),
      first_call_at: x('Prima convocazione', 'First call'), second_call_at: x('Seconda convocazione', 'Second call'),
      record_date: x('Data di riferimento del diritto di voto', 'Record date for voting rights'),
      notice_method: x('Modo dell’avviso', 'Notice method'),
      status: x('Stato (convocata, in corso, chiusa, annullata)', 'Status (convened, in session, closed, cancelled)'),
      convened_at: x('Convocata il', 'Convened at'),
      statute_version: x('Versione dello statuto applicata', 'Statute version applied'),
      statute: w('Parametri dello statuto della cooperativa: regole della cooperativa, non dati tuoi', 'The co-op’s statute parameters: the co-op’s rules, not your data'),
      roll_computed_at: x('Ruolo dei votanti calcolato il', 'Roll computed at'),
      roll_members: w('Totali del ruolo: dati della cooperativa', 'Roll totals: the co-op’s figures'),
      roll_voters: w('Totali del ruolo: dati della cooperativa', 'Roll totals: the co-op’s figures'),
      roll_votes: w('Totali del ruolo: dati della cooperativa', 'Roll totals: the co-op’s figures'),
      roll_financing_votes: w('Totali del ruolo: dati della cooperativa', 'Roll totals: the co-op’s figures'),
      call: x('Convocazione in cui si è tenuta', 'Call it was held on'),
      opened_at: x('Aperta il', 'Opened at'),
      opening_quorum: w('Quorum costitutivo: dati della cooperativa', 'Attendance quorum: the co-op’s figures'),
      closed_at: x('Chiusa il', 'Closed at'), cancelled_at: x('Annullata il', 'Cancelled at'),
      created_by: w('Account dell’amministratore che l’ha creata', 'Account of the administrator who created it'),
      created_at: c.createdAt, updated_at: c.updatedAt,
    },
    extra: { cooperative_name: c.coopName },
  },
  {
    kind: 'export', table: 'assembly_roll', module: 'governance', section: 'assembly-roll',
    erasure: { action: 'keep', basis: LEGAL.assembly },
    title: b('Ruolo dei votanti', 'Electoral roll'),
    description: b('Le tue righe nei ruoli dei votanti delle assemblee', 'Your entries in the assemblies’ electoral rolls'),
    rows: 't.person_id = ANY($1::uuid[])', order: 't.assembly_id',
    columns: {
      assembly_id: c.assemblyId, person_id: c.personId,
      register_number: x('Numero nel libro soci', 'Number in the register'),
      weight: x('Voti (art. 2538 c.c.)', 'Votes (art. 2538 c.c.)'),
      financing: x('Socio finanziatore', 'Financing member'),
      eligible: x('Con diritto di voto', 'Entitled to vote'),
      reason: x('Perché senza diritto di voto (anzianità, quote non versate)', 'Why not entitled (seniority, unpaid shares)'),
      days_in_register: x('Giorni nel libro soci alla data di riferimento', 'Days in the register at the record date'),
      delegate_section_id: x('Sezione di cui porti i voti come delegato', 'Section whose votes you carry as a delegate'),
    },
  },
  {
    kind: 'export', table: 'governance_notices', module: 'governance', section: 'assembly-notices',
    erasure: { action: 'keep', basis: LEGAL.convocation },
    title: b('Avvisi di convocazione', 'Convocation notices'),
    description: b('Gli avvisi di convocazione ricevuti nella piattaforma', 'The convocation notices you received on the platform'),
    rows: 't.person_id = ANY($1::uuid[])', order: 't.created_at',
    columns: { assembly_id: c.assemblyId, person_id: c.personId, created_at: c.createdAt, opened_at: x('Letto il', 'Opened at'), acknowledged_at: x('Ricevuta confermata il', 'Receipt confirmed at') },
  },
  {
    kind: 'export', table: 'governance_outbox', module: 'governance', section: 'assembly-mail',
    erasure: { action: 'update', basis: LEGAL.convocation, columns: { id: 'keep', cooperative_id: 'keep', assembly_id: 'keep', person_id: 'keep', to_address: 'pseudonymise', subject: 'keep', body: 'redact', receipt_token_hash: 'null', created_at: 'keep', sent_at: 'keep', opened_at: 'keep', mail_id: 'null' } },
    title: b('Convocazioni per e-mail', 'Convocations by e-mail'),
    description: b('Le convocazioni mandate al tuo indirizzo', 'The convocations mailed to your address'),
    rows: 't.person_id = ANY($1::uuid[])', order: 't.created_at',
    columns: {
      id: c.id, cooperative_id: c.cooperativeId, assembly_id: c.assemblyId, person_id: c.personId,
      to_address: x('Destinatario', 'Recipient'), subject: x('Oggetto', 'Subject'), body: x('Testo', 'Body'),
      receipt_token_hash: SECRET_HASH,
      created_at: c.createdAt, sent_at: x('Inviata il', 'Sent at'), opened_at: x('Ricevuta confermata dal link il', 'Receipt confirmed by the link at'),
      mail_id: x('E-mail della piattaforma che l’ha portata', 'Platform mail that carried it'),
    },
  },
  {
    kind: 'export', table: 'assembly_attendance', module: 'governance', section: 'attendance',
    erasure: { action: 'keep', basis: LEGAL.assembly },
    title: b('Presenze', 'Attendance'),
    description: b('La tua presenza alle assemblee', 'Your attendance at assemblies'),
    rows: 't.person_id = ANY($1::uuid[])', order: 't.assembly_id',
    columns: { assembly_id: c.assemblyId, person_id: c.personId, present: x('Presente ora o alla chiusura', 'Present now or at closing'), channel: x('In sala o da remoto', 'In the room or remote'), since: x('Presente dal', 'Present since') },
  },
  {
    kind: 'export', table: 'assembly_attendance_events', module: 'governance', section: 'attendance-events',
    erasure: { action: 'keep', basis: LEGAL.assembly },
    title: b('Ingressi e uscite', 'Check-ins and check-outs'),
    description: b('I tuoi ingressi e uscite dalle assemblee', 'Your check-ins and check-outs at assemblies'),
    rows: 't.person_id = ANY($1::uuid[])', order: 't.at, t.id',
    columns: { id: c.id, assembly_id: c.assemblyId, person_id: c.personId, event: x('Ingresso o uscita', 'Check-in or check-out'), channel: x('In sala o da remoto', 'In the room or remote'), at: x('Quando', 'When'), by_account_id: c.byAccount },
  },
  {
    kind: 'export', table: 'assembly_proxies', module: 'governance', section: 'proxies',
    erasure: { action: 'keep', basis: LEGAL.proxies },
    title: b('Deleghe', 'Proxies'),
    description: b('Le deleghe che hai dato o ricevuto', 'The proxies you gave or hold'),
    rows: 't.grantor_person_id = ANY($1::uuid[]) OR t.holder_person_id = ANY($1::uuid[])', order: 't.granted_at',
    columns: { id: c.id, assembly_id: c.assemblyId, grantor_person_id: x('Chi delega', 'Who gives the proxy'), holder_person_id: x('Chi riceve la delega', 'Who holds the proxy'), granted_at: x('Data della delega', 'Granted at'), granted_by_account_id: c.byAccount, revoked_at: x('Revocata il', 'Revoked at') },
  },
  {
    kind: 'export', table: 'ballot_casts', module: 'governance', section: 'votes-cast',
    erasure: { action: 'keep', basis: LEGAL.assembly },
    title: b('Voti espressi (ricevute)', 'Votes cast (receipts)'),
    description: b('Che hai votato, quando e come, per ogni votazione, segrete comprese (la scelta segreta non è collegata a te)', 'That you voted, when and how, for each ballot, secret ones included (a secret choice is not linked to you)'),
    rows: 't.voter_person_id = ANY($1::uuid[]) OR t.cast_by_person_id = ANY($1::uuid[])', order: 't.cast_at',
    columns: { ballot_id: c.ballotId, voter_person_id: x('Per chi è il voto (tu o chi ti ha delegato)', 'Whose vote it is (you or who gave you a proxy)'), cast_by_person_id: x('Chi ha votato', 'Who cast it'), cast_by_account_id: c.byAccount, channel: x('In assemblea, da remoto o per corrispondenza', 'In the meeting, remote or postal'), cast_at: x('Quando', 'When') },
  },
  {
    kind: 'export', table: 'ballot_choices', module: 'governance', section: 'open-votes',
    erasure: { action: 'keep', basis: LEGAL.openVotes },
    title: b('Scelte nelle votazioni palesi', 'Choices in open ballots'),
    description: b('Come hai votato nelle votazioni palesi (nelle segrete la scelta non è mai collegata a chi vota)', 'How you voted in open ballots (in secret ones a choice is never linked to the voter)'),
    rows: 't.voter_person_id = ANY($1::uuid[])', order: 't.ballot_id',
    columns: { id: c.id, ballot_id: c.ballotId, voter_person_id: c.personId, weight: x('Voti', 'Votes'), financing: x('Voto di socio finanziatore', 'Financing member’s vote'), choice: x('Scelta (sì, no, astenuto, o l’ordine dei candidati)', 'Choice (yes, no, abstain, or the candidates’ order)') },
  },
  {
    kind: 'export', table: 'assembly_candidates', module: 'governance', section: 'candidacies',
    erasure: { action: 'keep', basis: LEGAL.assembly },
    title: b('Candidature', 'Candidacies'),
    description: b('Le elezioni in cui sei candidato', 'The elections you stand in'),
    rows: 't.person_id = ANY($1::uuid[])', order: 't.ballot_id, t.position',
    columns: { id: c.id, ballot_id: c.ballotId, position: x('Posizione nella lista', 'Position on the list'), name: x('Nome sulla scheda', 'Name on the ballot'), person_id: c.personId, statement: x('Presentazione', 'Statement') },
  },
  {
    kind: 'export', table: 'assembly_comments', module: 'governance', section: 'comments',
    erasure: { action: 'update', basis: LEGAL.thread, columns: { id: 'keep', item_id: 'keep', assembly_id: 'keep', parent_id: 'keep', author_account_id: 'keep', author_name: 'redact', body: 'redact', created_at: 'keep' } },
    title: b('Interventi', 'Comments'),
    description: b('I tuoi interventi nella discussione dei punti all’ordine del giorno', 'Your comments on agenda items'),
    rows: 't.author_account_id = $2::uuid', order: 't.created_at',
    columns: { id: c.id, item_id: c.itemId, assembly_id: c.assemblyId, parent_id: x('Intervento a cui rispondi', 'Comment you reply to'), author_account_id: c.accountId, author_name: x('Nome mostrato', 'Name shown'), body: x('Testo', 'Text'), created_at: c.createdAt },
  },
  {
    kind: 'export', table: 'assembly_amendments', module: 'governance', section: 'amendments',
    erasure: { action: 'update', basis: LEGAL.motion, rows: 't.proposer_account_id = $2::uuid', columns: { id: 'keep', item_id: 'keep', assembly_id: 'keep', proposer_account_id: 'keep', proposer_name: 'redact', text: 'keep', rationale: 'keep', status: 'keep', decided_at: 'keep', decided_by_account_id: 'keep', created_at: 'keep' } },
    title: b('Emendamenti', 'Amendments'),
    description: b('Gli emendamenti che hai proposto o deciso', 'The amendments you proposed or decided'),
    rows: 't.proposer_account_id = $2::uuid OR t.decided_by_account_id = $2::uuid', order: 't.created_at',
    columns: { id: c.id, item_id: c.itemId, assembly_id: c.assemblyId, proposer_account_id: x('Account di chi propone', 'Proposer’s account'), proposer_name: x('Nome di chi propone', 'Proposer’s name'), text: x('Testo proposto', 'Proposed text'), rationale: x('Motivazione', 'Rationale'), status: x('Stato', 'Status'), decided_at: x('Deciso il', 'Decided at'), decided_by_account_id: x('Account che ha deciso', 'Account that decided'), created_at: c.createdAt },
  },
  {
    kind: 'export', table: 'assembly_items', module: 'governance', section: 'agenda-items-proposed',
    erasure: { action: 'keep', basis: LEGAL.motion },
    title: b('Punti all’ordine del giorno proposti', 'Agenda items proposed'),
    description: b('I punti all’ordine del giorno che hai proposto', 'The agenda items you proposed'),
    rows: 't.proposer_account_id = $2::uuid', order: 't.created_at',
    columns: { id: c.itemId, assembly_id: c.assemblyId, position: x('Posizione', 'Position'), kind: x('Delibera, elezione o informativa', 'Resolution, election or information'), title: x('Titolo', 'Title'), description: x('Descrizione', 'Description'), motion: x('Testo della proposta', 'Motion'), motion_version: x('Versione del testo', 'Motion version'), source_item_id: x('Punto da cui deriva', 'Item it derives from'), proposer_account_id: c.accountId, created_at: c.createdAt },
  },
  {
    kind: 'export', table: 'assembly_documents', module: 'governance', section: 'documents-uploaded',
    erasure: { action: 'keep', basis: LEGAL.motion },
    title: b('Documenti caricati', 'Documents uploaded'),
    description: b('I documenti che hai allegato a un punto all’ordine del giorno', 'The documents you attached to an agenda item'),
    rows: 't.uploaded_by = $2::uuid', order: 't.uploaded_at',
    columns: { id: c.id, item_id: c.itemId, filename: x('Nome del file', 'File name'), content_type: x('Tipo', 'Content type'), size_bytes: x('Dimensione in byte', 'Size in bytes'), sha256: x('Impronta SHA-256 del contenuto', 'SHA-256 of the content'), content: w('Contenuto: documento dell’assemblea, scaricabile dalla sua pagina (l’impronta lo identifica)', 'Content: the assembly’s document, downloadable from its page (the hash identifies it)'), uploaded_by: c.accountId, uploaded_at: x('Caricato il', 'Uploaded at') },
  },
  {
    kind: 'export', table: 'assembly_polls', module: 'governance', section: 'polls-created',
    erasure: { action: 'keep', basis: LEGAL.motion },
    title: b('Sondaggi creati', 'Polls created'),
    description: b('I sondaggi che hai aperto in assemblea', 'The polls you opened in an assembly'),
    rows: 't.created_by = $2::uuid', order: 't.created_at',
    columns: { id: c.id, assembly_id: c.assemblyId, item_id: c.itemId, question: x('Domanda', 'Question'), kind: x('Tipo', 'Kind'), options: x('Opzioni', 'Options'), max: x('Scelte massime', 'Maximum choices'), status: x('Stato', 'Status'), created_by: c.accountId, created_at: c.createdAt, closed_at: x('Chiuso il', 'Closed at') },
  },
  {
    kind: 'export', table: 'assembly_poll_responses', module: 'governance', section: 'poll-responses',
    erasure: DELETE,
    title: b('Risposte ai sondaggi', 'Poll responses'),
    description: b('Le tue risposte ai sondaggi in assemblea', 'Your answers to polls in assemblies'),
    rows: 't.person_id = ANY($1::uuid[])', order: 't.updated_at',
    columns: { poll_id: x('Sondaggio', 'Poll'), person_id: c.personId, response: x('Risposta', 'Response'), updated_at: c.updatedAt },
  },
  {
    kind: 'export', table: 'assembly_delegates', module: 'governance', section: 'delegates',
    erasure: { action: 'keep', basis: LEGAL.assembly },
    title: b('Delegati', 'Delegates'),
    description: b('Le assemblee generali in cui sei delegato di una sezione', 'The general assemblies where you are a section’s delegate'),
    rows: 't.person_id = ANY($1::uuid[])', order: 't.assembly_id',
    columns: { assembly_id: c.assemblyId, person_id: c.personId, section_id: x('Sezione', 'Section'), sectional_assembly_id: x('Assemblea separata che ti ha eletto', 'Sectional meeting that elected you'), weight: x('Voti che porti', 'Votes you carry'), elected_rank: x('Ordine di elezione', 'Rank of election') },
  },
  {
    kind: 'export', table: 'governance_officers', module: 'governance', section: 'offices',
    erasure: { action: 'keep', basis: LEGAL.offices },
    title: b('Cariche', 'Offices'),
    description: b('Le cariche sociali che ricopri o hai ricoperto (amministratore, sindaco …)', 'The offices you hold or held (director, auditor …)'),
    rows: 't.person_id = ANY($1::uuid[])', order: 't.since',
    columns: { id: c.id, cooperative_id: c.cooperativeId, person_id: c.personId, role: x('Carica', 'Office'), since: x('Dal', 'Since'), until: x('Fino al', 'Until'), created_at: c.createdAt },
    extra: { cooperative_name: c.coopName },
  },
  {
    kind: 'export', table: 'governance_section_members', module: 'governance', section: 'sections',
    erasure: { action: 'keep', basis: LEGAL.sections },
    title: b('Sezioni', 'Sections'),
    description: b('Le sezioni soci a cui appartieni', 'The member sections you belong to'),
    rows: 't.person_id = ANY($1::uuid[])', order: 't.section_id',
    columns: { cooperative_id: c.cooperativeId, person_id: c.personId, section_id: x('Sezione', 'Section') },
  },
  // verifiable secret ballot (migration 0034)
  { kind: 'excluded', table: 'evote_elections', module: 'governance', category: 'cooperative-record', reason: b('Votazioni cifrate: chiave pubblica, manifesto, conteggio e risultato, pubblici e senza dati di singoli votanti', 'Encrypted ballots: public key, manifest, tally input and result, public and with no single voter’s data'), columns: ['ballot_id', 'trustees', 'threshold', 'status', 'public_key', 'manifest', 'manifest_hash', 'count_input', 'result', 'created_at', 'ready_at', 'tallied_at', 'decrypted_at'] },
  {
    kind: 'export', table: 'evote_trustees', module: 'governance', section: 'evote-trustee',
    erasure: { action: 'keep', basis: LEGAL.evote },
    title: b('Garante di una votazione cifrata', 'Trustee of an encrypted ballot'),
    description: b('Le votazioni cifrate in cui sei garante (custode di una parte della chiave)', 'The encrypted ballots where you are a trustee (keeper of a key share)'),
    rows: 't.person_id = ANY($1::uuid[])', order: 't.ballot_id, t.idx',
    columns: { ballot_id: c.ballotId, idx: x('Tuo numero di garante', 'Your trustee number'), person_id: c.personId, commitment: x('Impegno pubblico sulla tua parte di chiave', 'Public commitment to your key share'), committed_at: x('Impegno pubblicato il', 'Commitment posted at'), shares_posted_at: x('Parti inviate agli altri garanti il', 'Shares sent to the other trustees at'), shares_ok: x('Esito del tuo controllo delle parti ricevute', 'Outcome of your check of the shares received'), bad_from: x('Garanti da cui hai ricevuto parti non valide', 'Trustees whose shares failed your check') },
  },
  { kind: 'excluded', table: 'evote_shares', module: 'governance', category: 'secret', reason: b('Parti di chiave cifrate scambiate tra i garanti: materiale segreto, legato solo al numero del garante', 'Encrypted key shares exchanged between trustees: secret material, tied only to a trustee number'), columns: ['ballot_id', 'from_idx', 'to_idx', 'payload'] },
  {
    kind: 'export', table: 'evote_roll', module: 'governance', section: 'evote-roll',
    erasure: { action: 'keep', basis: LEGAL.evote },
    title: b('Ruolo delle votazioni cifrate', 'Roll of encrypted ballots'),
    description: b('La tua casella anonima nel ruolo di ogni votazione cifrata (la bacheca pubblica la mostra senza il tuo nome)', 'Your anonymous slot on each encrypted ballot’s roll (the public board shows it without your name)'),
    rows: 't.person_id = ANY($1::uuid[])', order: 't.ballot_id',
    columns: { ballot_id: c.ballotId, slot: x('Casella anonima', 'Anonymous slot'), person_id: c.personId, weight: x('Voti', 'Votes'), grp: x('Gruppo (ordinari o finanziatori)', 'Group (ordinary or financing)') },
  },
  {
    kind: 'export', table: 'evote_board', module: 'governance', section: 'evote-receipts',
    erasure: { action: 'keep', basis: LEGAL.evote },
    title: b('Ricevute delle schede cifrate', 'Receipts of encrypted ballots'),
    description: b('Le schede cifrate deposte nella tua casella, con il codice di tracciamento per ritrovarle sulla bacheca pubblica (la scelta resta cifrata)', 'The encrypted ballots cast in your slot, with the tracking code to find them on the public board (the choice stays encrypted)'),
    rows: '(t.ballot_id, t.slot) IN (SELECT r.ballot_id, r.slot FROM evote_roll r WHERE r.person_id = ANY($1::uuid[]))', order: 't.ballot_id, t.seq',
    columns: { ballot_id: c.ballotId, seq: x('Posizione sulla bacheca', 'Position on the board'), slot: x('Casella anonima', 'Anonymous slot'), tracking_code: x('Codice di tracciamento', 'Tracking code'), hash: x('Impronta della catena della bacheca', 'Board chain hash'), ballot: x('Scheda cifrata (pubblica sulla bacheca)', 'Encrypted ballot (public on the board)'), received_at: x('Ricevuta il', 'Received at') },
  },
  { kind: 'excluded', table: 'evote_tally', module: 'governance', category: 'cooperative-record', reason: b('Conteggio omomorfico cifrato per gruppo: pubblico, senza dati di singoli votanti', 'Encrypted homomorphic tally per group: public, with no single voter’s data'), columns: ['ballot_id', 'ord', 'grp', 'ciphertexts'] },
  { kind: 'excluded', table: 'evote_partials', module: 'governance', category: 'cooperative-record', reason: b('Decifrazioni parziali del conteggio pubblicate dai garanti', 'Partial decryptions of the tally published by the trustees'), columns: ['ballot_id', 'idx', 'payload', 'received_at'] },
  { kind: 'excluded', table: 'governance_sections', module: 'governance', category: 'cooperative-record', reason: b('Sezioni della cooperativa (nomi e date)', 'The co-op’s sections (names and dates)'), columns: ['id', 'cooperative_id', 'name', 'created_at'] },
  { kind: 'excluded', table: 'governance_statutes', module: 'governance', category: 'cooperative-record', reason: b('Versioni dello statuto della cooperativa', 'Versions of the co-op’s statute'), columns: ['cooperative_id', 'version', 'params', 'note', 'created_by', 'created_at'] },
  { kind: 'excluded', table: 'assembly_ballots', module: 'governance', category: 'cooperative-record', reason: b('Votazioni e risultati delle assemblee: atti della cooperativa, senza dati di singoli votanti', 'Ballots and results: the co-op’s records, with no single voter’s data'), columns: ['id', 'assembly_id', 'item_id', 'method', 'seats', 'max_choices', 'secret', 'ballot_type', 'remote_voting', 'status', 'opened_at', 'closed_at', 'rule', 'result', 'result_sha256'] },
  { kind: 'excluded', table: 'assembly_minutes', module: 'governance', category: 'cooperative-record', reason: b('Verbale dell’assemblea: atto della cooperativa, scaricabile dalla pagina dell’assemblea', 'The assembly’s minutes: the co-op’s record, downloadable from the assembly page'), columns: ['assembly_id', 'sha256', 'pdf', 'generated_at'] },

  // ---------------- mutuality ----------------
  {
    kind: 'export', table: 'exchange_entries', module: 'mutuality', section: 'exchanges',
    erasure: { action: 'keep', basis: LEGAL.accounting },
    title: b('Scambi mutualistici', 'Mutual exchanges'),
    description: b('Gli scambi registrati sulle tue iscrizioni (lavoro, acquisti, conferimenti …)', 'The exchanges recorded on your memberships (work, purchases, deliveries …)'),
    rows: `t.membership_id IN (${MY_MEMBERSHIPS})`, order: 't.occurred_on, t.id',
    columns: {
      id: c.id, cooperative_id: c.cooperativeId, membership_id: c.membershipId,
      kind: x('Tipo di scambio', 'Kind of exchange'), occurred_on: x('Data', 'Date'), quantity: x('Quantità (ore, kg …)', 'Quantity (hours, kg …)'), unit: x('Unità', 'Unit'),
      value_cents: x('Valore in centesimi', 'Value in cents'), grade: x('Classe di qualità', 'Quality grade'), description: x('Descrizione', 'Description'),
      external_ref: x('Riferimento (cedolino, documento)', 'Reference (payslip, document)'), reverses_id: x('Scambio che questa riga storna', 'Entry this one reverses'), reason: x('Motivo dello storno', 'Reason for the reversal'),
      recorded_by: c.byAccount, recorded_at: x('Registrato il', 'Recorded at'),
    },
  },
  {
    kind: 'export', table: 'ristorni_allocations', module: 'mutuality', section: 'ristorni',
    erasure: { action: 'keep', basis: LEGAL.accounting },
    title: b('Ristorni', 'Patronage refunds (ristorni)'),
    description: b('I ristorni attribuiti alle tue iscrizioni, per tipo di scambio', 'The ristorni allocated to your memberships, per kind of exchange'),
    rows: `t.membership_id IN (${MY_MEMBERSHIPS})`, order: 't.run_id, t.kind',
    columns: {
      run_id: x('Calcolo dei ristorni (anno)', 'Ristorni run (year)'), membership_id: c.membershipId, kind: x('Tipo di scambio', 'Kind of exchange'),
      value_cents: x('Valore degli scambi, in centesimi', 'Value of the exchanges, in cents'), quantity_milli: x('Quantità in millesimi', 'Quantity in thousandths'), weighted: x('Scambio ponderato', 'Weighted exchange'),
      cap_cents: x('Tetto individuale, in centesimi', 'Individual cap, in cents'), amount_cents: x('Ristorno, in centesimi', 'Refund, in cents'), cash_cents: x('Parte in denaro', 'Cash part'),
      capital_cents: x('Parte ad aumento di capitale', 'Part added to capital'), capital_shares: x('Quote assegnate', 'Shares allotted'), instruments_cents: x('Parte in strumenti finanziari', 'Part in financial instruments'), withholding_cents: x('Ritenuta', 'Withholding'),
    },
    extra: { year: { sql: '(SELECT r.year FROM ristorni_runs r WHERE r.id = t.run_id)', schema: { type: 'integer', nullable: true }, description: b('Anno', 'Year') } },
  },
  {
    kind: 'export', table: 'share_capital_movements', module: 'mutuality', section: 'share-capital',
    erasure: { action: 'keep', basis: LEGAL.accounting },
    title: b('Movimenti del capitale sociale', 'Share-capital movements'),
    description: b('Sottoscrizioni, versamenti, trasferimenti e rimborsi delle tue quote', 'Subscriptions, payments, transfers and refunds of your shares'),
    rows: `t.membership_id IN (${MY_MEMBERSHIPS}) OR t.counterpart_membership_id IN (${MY_MEMBERSHIPS})`, order: 't.occurred_on, t.id',
    columns: {
      id: c.id, cooperative_id: c.cooperativeId, membership_id: c.membershipId, kind: x('Tipo di movimento', 'Kind of movement'), occurred_on: x('Data', 'Date'),
      shares_delta: x('Variazione delle quote', 'Change in shares'), subscribed_delta_cents: x('Variazione del sottoscritto, in centesimi', 'Change in subscribed capital, in cents'), paid_delta_cents: x('Variazione del versato, in centesimi', 'Change in paid-in capital, in cents'),
      refund_cents: x('Rimborso, in centesimi', 'Refund, in cents'), counterpart_membership_id: x('Iscrizione controparte di un trasferimento', 'Counterpart membership of a transfer'), ristorni_run_id: x('Calcolo dei ristorni che l’ha generato', 'Ristorni run that made it'),
      note: x('Nota', 'Note'), recorded_by: c.byAccount, recorded_at: x('Registrato il', 'Recorded at'),
    },
  },
  {
    kind: 'export', table: 'exchange_member_totals', module: 'mutuality', section: 'exchange-totals',
    erasure: { action: 'keep', basis: LEGAL.accounting },
    title: b('Totali degli scambi', 'Exchange totals'),
    description: b('I totali dei tuoi scambi per anno, tipo e classe (calcolati dagli scambi)', 'The totals of your exchanges per year, kind and grade (computed from the exchanges)'),
    rows: `t.cooperative_id IN (SELECT m.cooperative_id FROM memberships m WHERE m.person_id = ANY($1::uuid[])) AND t.membership_id IN (${MY_MEMBERSHIPS})`, order: 't.year, t.kind, t.grade',
    columns: { cooperative_id: c.cooperativeId, year: x('Anno', 'Year'), kind: x('Tipo di scambio', 'Kind of exchange'), membership_id: c.membershipId, grade: x('Classe di qualità (vuota: nessuna)', 'Quality grade (empty: none)'), value_cents: x('Valore totale, in centesimi', 'Total value, in cents'), quantity_milli: x('Quantità totale in millesimi', 'Total quantity in thousandths'), entries: x('Numero di registrazioni', 'Number of entries') },
  },
  { kind: 'excluded', table: 'ristorni_runs', module: 'mutuality', category: 'cooperative-record', reason: b('Calcolo annuale dei ristorni della cooperativa: dati di bilancio; le tue quote sono nei ristorni', 'The co-op’s yearly ristorni run: accounting figures; your share is in the ristorni file'), columns: ['id', 'cooperative_id', 'year', 'rule_set', 'status', 'inputs', 'figures', 'computed_at', 'assembly_date', 'assembly_kind', 'votes_for', 'votes_against', 'votes_abstained', 'resolution_text', 'governance_resolution_id', 'approved_at', 'approved_by', 'paid_on', 'paid_at', 'created_by', 'created_at', 'updated_at'] },
  { kind: 'excluded', table: 'mutuality_settings', module: 'mutuality', category: 'no-personal-data', reason: b('Impostazioni della cooperativa', 'The co-op’s settings'), columns: ['cooperative_id', 'rule_set', 'max_member_capital_cents', 'updated_at'] },
  { kind: 'excluded', table: 'mutuality_statement_lines', module: 'mutuality', category: 'aggregate', reason: b('Voci di bilancio della cooperativa', 'The co-op’s financial-statement lines'), columns: ['cooperative_id', 'year', 'line', 'members_cents', 'others_cents', 'updated_at'] },
  { kind: 'excluded', table: 'quality_weights', module: 'mutuality', category: 'no-personal-data', reason: b('Pesi di qualità decisi dal consiglio', 'Quality weights set by the board'), columns: ['cooperative_id', 'year', 'kind', 'grade', 'weight_bps'] },

  // ---------------- incubator ----------------
  {
    kind: 'export', table: 'incubator_founders', module: 'incubator', section: 'incubator-teams',
    erasure: { action: 'delete' },
    title: b('Gruppi di fondatori', 'Founding teams'),
    description: b('I progetti di nuova cooperativa di cui fai parte come fondatore', 'The new co-op projects you are a founder of'),
    rows: 't.account_id = $2', order: 't.added_at, t.project_id',
    columns: { project_id: x('Progetto', 'Project'), account_id: c.accountId, role: x('Ruolo (capofila o fondatore)', 'Role (lead or founder)'), added_by: c.byAccount, added_at: x('Aggiunto il', 'Added at') },
    extra: { project_name: { sql: '(SELECT p.name FROM incubator_projects p WHERE p.id = t.project_id)', schema: { type: 'string', nullable: true }, description: b('Nome del progetto', 'Project name') } },
  },
  {
    kind: 'export', table: 'incubator_projects', module: 'incubator', section: 'incubator-projects',
    erasure: {
      action: 'update',
      basis: b('Il progetto appartiene anche agli altri fondatori: resta, senza chi lo ha aperto, e non contiene più dati personali tuoi (art. 4 n. 1 GDPR)', 'The project also belongs to the other founders: it stays without who opened it, and no longer holds personal data of yours (art. 4(1) GDPR)'),
      rows: 't.created_by = $2::uuid',
      columns: {
        id: 'keep', name: 'keep', idea: 'keep', ateco_code: 'keep', kind: 'keep', activity: 'keep', member_groups: 'keep', legal_person_founders: 'keep', workers_buyout: 'keep',
        planned_workers: 'keep', disadvantaged_workers: 'keep', sdg_goals: 'keep', needs: 'keep', territorial_id: 'keep', stage: 'keep', cooperative_id: 'keep', created_by: 'null',
        created_at: 'keep', updated_at: 'keep',
      },
    },
    title: b('Progetti di nuova cooperativa', 'New co-op projects'),
    description: b('I progetti dei gruppi di fondatori di cui fai parte', 'The projects of the founding teams you belong to'),
    rows: 't.id IN (SELECT f.project_id FROM incubator_founders f WHERE f.account_id = $2) OR t.created_by = $2', order: 't.created_at, t.id',
    columns: {
      id: c.id, name: x('Nome', 'Name'), idea: x('Idea', 'Idea'), ateco_code: x('Codice ATECO', 'ATECO code'), kind: x('Tipo di cooperativa', 'Kind of co-op'),
      activity: x('Attività', 'Activity'), member_groups: x('Tipi di soci', 'Kinds of members'), legal_person_founders: x('Fondatori persone giuridiche', 'Legal-person founders'),
      workers_buyout: x('Workers buyout', 'Workers’ buyout'), planned_workers: x('Lavoratori previsti', 'Planned workers'), disadvantaged_workers: x('Di cui svantaggiati', 'Of them disadvantaged'),
      sdg_goals: x('Obiettivi di sviluppo sostenibile', 'Sustainable Development Goals'), needs: x('Bisogni', 'Needs'), territorial_id: x('Associazione territoriale', 'Territorial association'),
      stage: x('Fase', 'Stage'), cooperative_id: c.cooperativeId, created_by: c.byAccount, created_at: x('Aperto il', 'Opened at'), updated_at: x('Aggiornato il', 'Updated at'),
    },
  },
  {
    kind: 'export', table: 'incubator_checklist', module: 'incubator', section: 'incubator-checklists',
    erasure: {
      action: 'update',
      basis: b('La lista è del progetto, non della persona: senza chi ha spuntato le voci non contiene più dati personali tuoi (art. 4 n. 1 GDPR)', 'The checklist is the project’s, not the person’s: without who ticked the items it no longer holds personal data of yours (art. 4(1) GDPR)'),
      rows: 't.done_by = $2::uuid',
      columns: { project_id: 'keep', stage: 'keep', item: 'keep', done_by: 'null', done_at: 'keep' },
    },
    title: b('Liste di controllo dei progetti', 'Project checklists'),
    description: b('Le voci completate nei progetti di cui fai parte', 'The items done in the projects you belong to'),
    rows: 't.project_id IN (SELECT f.project_id FROM incubator_founders f WHERE f.account_id = $2) OR t.done_by = $2', order: 't.project_id, t.stage, t.item',
    columns: { project_id: x('Progetto', 'Project'), stage: x('Fase', 'Stage'), item: x('Voce', 'Item'), done_by: c.byAccount, done_at: x('Completata il', 'Done at') },
  },

  // ---------------- privacy ----------------
  {
    kind: 'export', table: 'consents', module: 'privacy', section: 'consents',
    erasure: { action: 'update', basis: LEGAL.consentProof, columns: { id: 'keep', account_id: 'keep', purpose: 'keep', given_at: 'keep', withdrawn_at: { fill: 'now' }, notice_id: 'keep' } },
    title: b('Consensi', 'Consents'),
    description: b('I consensi che hai dato e revocato, con le date (una riga per ogni volta che l’hai dato)', 'The consents you gave and withdrew, with their dates (one row each time you gave one)'),
    rows: 't.account_id = $2::uuid', order: 't.given_at, t.id',
    columns: { id: c.id, account_id: c.accountId, purpose: x('Finalità', 'Purpose'), given_at: x('Dato il', 'Given at'), withdrawn_at: x('Revocato il (vuoto: ancora valido)', 'Withdrawn at (empty: still valid)'), notice_id: x('Versione dell’informativa in vigore quando l’hai dato', 'Privacy notice version in force when you gave it') },
    extra: { notice_version: { sql: '(SELECT d.version FROM privacy_documents d WHERE d.id = t.notice_id)', schema: { type: 'integer', nullable: true }, description: b('Numero di versione dell’informativa', 'Privacy notice version number') } },
  },
  // requests tracker and erasure (migrations 0046, 0047)
  {
    kind: 'export', table: 'privacy_requests', module: 'privacy', section: 'privacy-requests',
    erasure: { action: 'update', basis: LEGAL.requests, columns: { id: 'keep', kind: 'keep', account_id: 'keep', person_id: 'null', cooperative_ids: 'keep', message: 'null', status: 'keep', received_at: 'keep', due_at: 'keep', extended_due_at: 'keep', extension_reason: 'keep', extended_at: 'keep', extended_by: 'keep', answer: 'keep', refusal_reason: 'keep', closed_at: 'keep', closed_by: 'keep', result: 'keep', receipt_token_hash: 'keep' } },
    title: b('Richieste sui tuoi dati', 'Requests about your data'),
    description: b('Le richieste di accesso, copia, rettifica o cancellazione che hai fatto, con scadenze ed esito', 'The access, copy, rectification or erasure requests you made, with deadlines and outcome'),
    rows: 't.account_id = $2::uuid', order: 't.received_at, t.id',
    columns: {
      id: c.id, kind: x('Tipo (accesso, copia, rettifica, cancellazione)', 'Kind (access, copy, rectification, erasure)'), account_id: c.accountId, person_id: c.personId,
      cooperative_ids: x('Cooperative i cui responsabili la gestiscono', 'Co-ops whose officers handle it'), message: x('Il tuo messaggio', 'Your message'),
      status: x('Stato (ricevuta, in lavorazione, evasa, respinta)', 'Status (received, in progress, answered, refused)'), received_at: x('Ricevuta il', 'Received at'),
      due_at: x('Scadenza (un mese, GDPR art. 12(3))', 'Deadline (one month, GDPR art. 12(3))'), extended_due_at: x('Scadenza prorogata', 'Extended deadline'),
      extension_reason: x('Motivo della proroga', 'Reason for the extension'), extended_at: x('Prorogata il', 'Extended at'), extended_by: x('Account che l’ha prorogata', 'Account that extended it'),
      answer: x('Risposta', 'Answer'), refusal_reason: x('Motivo del rifiuto', 'Reason for the refusal'), closed_at: x('Chiusa il', 'Closed at'), closed_by: x('Account che l’ha chiusa', 'Account that closed it'),
      result: x('Esito della cancellazione: cosa è stato cancellato, pseudonimizzato e tenuto, e perché', 'Outcome of the erasure: what was deleted, pseudonymised and kept, and why'),
      receipt_token_hash: SECRET_HASH,
    },
  },
  {
    kind: 'export', table: 'privacy_erasure_notices', module: 'privacy', section: 'erasure-notices',
    erasure: { action: 'keep', basis: LEGAL.notifications },
    title: b('Avvisi alle applicazioni collegate', 'Notices to connected applications'),
    description: b('Le applicazioni collegate informate della cancellazione dei tuoi dati', 'The connected applications told of the erasure of your data'),
    rows: 't.request_id IN (SELECT r.id FROM privacy_requests r WHERE r.account_id = $2::uuid)', order: 't.created_at, t.id',
    columns: {
      id: c.id, request_id: x('Richiesta di cancellazione', 'Erasure request'), client_id: x('Applicazione', 'Application'), client_name: x('Nome dell’applicazione', 'Application name'),
      subject: x('Identificativo con cui l’applicazione ti conosceva (pairwise)', 'Identifier the application knew you by (pairwise)'), event: x('Evento', 'Event'),
      status: x('Stato (registrato, consegnato, fallito)', 'Status (recorded, delivered, failed)'), created_at: c.createdAt, delivered_at: x('Consegnato il', 'Delivered at'),
    },
  },
  { kind: 'excluded', table: 'consent_purposes', module: 'privacy', category: 'no-personal-data', reason: b('Le finalità per cui si chiede il consenso (pubbliche)', 'The purposes consent is asked for (public)'), columns: ['purpose', 'position', 'label_it', 'label_en', 'description_it', 'description_en', 'created_at'] },
  // portability (migration 0045): what this member imported from other instances, exported again so it survives a second move
  {
    kind: 'export', table: 'privacy_imports', module: 'privacy', section: 'imports',
    erasure: { action: 'delete' }, // the member's imported copies: no duty to keep them here
    title: b('Dati importati da altre piattaforme', 'Data imported from other platforms'),
    description: b('Le copie dei tuoi dati che hai importato da un’altra istanza di Cooperando, con l’esito', 'The copies of your data you imported from another Cooperando instance, with the outcome'),
    rows: 't.account_id = $2::uuid', order: 't.imported_at, t.id',
    columns: {
      id: c.id, account_id: c.accountId,
      manifest_sha256: x('Impronta SHA-256 del manifest della copia importata', 'SHA-256 of the imported copy’s manifest'),
      source_url: x('Istanza da cui viene la copia', 'Instance the copy came from'), source_software: x('Software dell’istanza di origine', 'Software of the source instance'), source_version: x('Versione del software di origine', 'Version of the source software'),
      source_generated_at: x('Quando l’istanza di origine ha prodotto la copia', 'When the source instance made the copy'),
      source_account_id: x('Il tuo account nell’istanza di origine', 'Your account on the source instance'), source_person_ids: x('La tua scheda nell’istanza di origine', 'Your record on the source instance'),
      imported_at: x('Importata il', 'Imported at'), counts: x('Cosa è stato importato, per sezione, e cosa no con il motivo', 'What was imported, per section, and what not with the reason'),
      profile_filled: x('Campi dell’anagrafica riempiti dalla copia', 'Profile fields filled from the copy'), conflicts: x('Campi dell’anagrafica già presenti con un altro valore (tenuti, non sovrascritti)', 'Profile fields already held with another value (kept, not overwritten)'),
    },
  },
  {
    kind: 'export', table: 'privacy_external_memberships', module: 'privacy', section: 'external-memberships',
    erasure: { action: 'delete' }, // the member's imported copies: no duty to keep them here
    title: b('Iscrizioni presso altre piattaforme', 'Memberships on other platforms'),
    description: b('Le iscrizioni ai libri soci tenuti su altre istanze, importate con la tua copia, con la tessera digitale quando c’era', 'Your memberships in registers kept on other instances, imported with your copy, with the membership credential where there was one'),
    rows: 't.account_id = $2::uuid', order: 't.admitted_on, t.id',
    columns: {
      id: c.id, import_id: x('Importazione che l’ha portata', 'Import that brought it'), account_id: c.accountId,
      origin_url: x('Istanza che tiene il libro soci', 'Instance that keeps the register'), origin_membership_id: x('Identificativo dell’iscrizione in quell’istanza', 'Identifier of the membership on that instance'),
      cooperative_name: x('Denominazione della cooperativa', 'Name of the co-op'), cooperative_codice_fiscale: x('Codice fiscale della cooperativa', 'Tax code of the co-op'), cooperative_albo_number: x('Numero all’Albo delle cooperative', 'Number in the national register of co-ops'),
      register_number: x('Numero nel libro soci', 'Number in the members’ register'), member_types: x('Tipi di socio', 'Member types'),
      applied_on: x('Data della domanda', 'Date of the application'), admitted_on: x('Data di ammissione', 'Date of admission'), registered_on: x('Data di iscrizione', 'Date of entry in the register'),
      shares_count: x('Numero di quote', 'Number of shares'), share_nominal_cents: x('Valore nominale di una quota, in centesimi', 'Nominal value of a share, in cents'),
      subscribed_cents: x('Capitale sottoscritto, in centesimi', 'Subscribed capital, in cents'), paid_cents: x('Capitale versato, in centesimi', 'Paid-in capital, in cents'),
      exit_kind: x('Modo di uscita', 'How it ended'), exit_on: x('Data di uscita', 'Date of exit'), exit_reason: x('Motivo dell’uscita', 'Reason for the exit'),
      credential_id: x('Identificativo della tessera digitale nell’istanza di origine', 'Identifier of the credential on the origin instance'), credential_sd_jwt: x('La tessera digitale (SD-JWT VC) firmata dall’istanza di origine', 'The membership credential (SD-JWT VC) signed by the origin instance'),
      credential_issued_at: x('Tessera emessa il', 'Credential issued at'), credential_expires_at: x('Tessera valida fino al', 'Credential expires at'), credential_revoked_at: x('Tessera revocata il', 'Credential revoked at'),
    },
  },
  {
    kind: 'export', table: 'privacy_imported_records', module: 'privacy', section: 'imported-records',
    erasure: { action: 'delete' }, // the member's imported copies: no duty to keep them here
    title: b('Storia importata', 'Imported history'),
    description: b('La tua storia su altre istanze (assemblee, voti espressi, scambi, ristorni …), importata in sola lettura così come era esportata', 'Your history on other instances (assemblies, votes cast, exchanges, ristorni …), imported read-only as it was exported'),
    rows: 't.account_id = $2::uuid', order: 't.section, t.id',
    columns: {
      id: c.id, import_id: x('Importazione che l’ha portata', 'Import that brought it'), account_id: c.accountId,
      origin_url: x('Istanza da cui viene', 'Instance it comes from'), section: x('Sezione della copia di origine', 'Section of the original copy'),
      cooperative_name: x('Denominazione della cooperativa', 'Name of the co-op'), data: x('La riga così come era nella copia di origine', 'The row as it was in the original copy'),
    },
  },
  { kind: 'excluded', table: 'privacy_documents', module: 'privacy', category: 'no-personal-data', reason: b('Informative e condizioni pubblicate dalla piattaforma (pubbliche)', 'Privacy notices and terms published by the platform (public)'), columns: ['id', 'kind', 'version', 'title_it', 'title_en', 'body_it', 'body_en', 'published_at', 'published_by'] },
];

export const EXPORTED: ExportedTable[] = CATALOGUE.filter((e): e is ExportedTable => e.kind === 'export');

export function catalogueEntry(table: string): CatalogueEntry | undefined {
  return CATALOGUE.find((e) => e.table === table);
}
