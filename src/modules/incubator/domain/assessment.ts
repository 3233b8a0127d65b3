// The self-assessment of a group that wants to found a co-operative: from who the members are, how many founders,
// natural persons or firms and the activity, the kind(s) of co-op that fit and, for each, the legal rules that
// decide whether the group can found it — each rule named with its article. Pure: no I/O, no clock.
//
// Rules used (Codice civile unless stated; see RULES for the texts):
// - founders (art. 2522): at least 9; 3 suffice when all are natural persons and the co-op follows SRL rules (c. 2);
//   below the minimum after founding, the number must be restored within a year (c. 3);
// - legal model (art. 2519): SpA rules by default (c. 1); SRL rules allowed with fewer than 20 member-cooperators or
//   assets not above €1,000,000 (c. 2);
// - shares (art. 2525): each share or quota at least €25, a joint-stock share (azione) at most €500 (c. 1); no
//   natural-person member above €100,000 (c. 2) — the cap the platform uses, with no inflation adjustment: the Code
//   fixes the figure in euros —, raisable by the statute to 2% of the share capital in co-ops with more than 500
//   members (c. 3), not applying to members other than natural persons, contributions in kind or credits, nor to
//   ristorni added to capital (c. 4);
// - prevailing mutuality (art. 2512–2514, 2545-octies) and its tax meaning; social co-ops prevailing by law
//   (art. 111-septies disp. att. c.c.);
// - social co-ops (L. 381/1991): type A social, health and educational services (art. 1 c. 1 lett. a); type B work
//   integration with at least 30% disadvantaged workers (art. 1 c. 1 lett. b, art. 4); volunteers at most half of
//   the members (art. 2 c. 2);
// - worker co-ops: the worker member (L. 142/2001, internal regulation art. 6); workers' buyout (L. 49/1985, Legge
//   Marcora, as amended by L. 57/2001; NASpI paid in advance, art. 8 D.Lgs. 22/2015);
// - producers' co-ops in agriculture: prevalence by quantity or value of members' products (art. 2513 c. 3);
// - community co-ops: no national law, regional laws only;
// - legal-person members: up to five votes where the statute says so (art. 2538 c. 3).
import { euro, say, type Texts } from './texts.ts';

export const MEMBER_GROUPS = ['workers', 'users', 'producers', 'inhabitants', 'community'] as const;
/** Who the members are: workers, users or consumers, producers delivering produce, inhabitants (housing), a community. */
export type MemberGroup = (typeof MEMBER_GROUPS)[number];

export const ACTIVITIES = ['social_services', 'work_integration', 'agriculture', 'housing', 'other'] as const;
/** The activity: social, health, educational services (type A), work integration (type B), farming, housing, other. */
export type Activity = (typeof ACTIVITIES)[number];

export const KINDS = ['worker', 'user', 'producer', 'housing', 'social_a', 'social_b', 'community'] as const;
export type Kind = (typeof KINDS)[number];

export const LEGAL_MODELS = ['srl', 'spa'] as const;
export type LegalModel = (typeof LEGAL_MODELS)[number];

export interface Answers {
  members: MemberGroup[];
  founders: number;
  /** Founders that are firms or other legal persons (0 = all natural persons; sole traders are natural persons). */
  legalPersonFounders: number;
  activity: Activity;
  /** Workers taking over the firm they work for, which is closing or in crisis. */
  workersBuyout: boolean;
  /** Planned workers and, of them, disadvantaged workers (type B social co-ops). */
  plannedWorkers?: number | undefined;
  disadvantagedWorkers?: number | undefined;
  /** Expected assets (attivo dello stato patrimoniale), cents. */
  expectedAssetsCents?: number | undefined;
  /** Nominal value of one share, cents. */
  shareCents?: number | undefined;
  /** Capital each founder plans to subscribe, cents. */
  capitalPerFounderCents?: number | undefined;
}

export type Status = 'ok' | 'not-ok' | 'to-verify';

export const RULE_IDS = [
  'founders.minimum',
  'founders.keep-minimum',
  'legal-model',
  'share.minimum',
  'share.cap',
  'mutuality.prevailing',
  'mutuality.social-by-law',
  'social.type-a',
  'social.type-b',
  'social.volunteers',
  'worker.regulation',
  'buyout.marcora',
  'producer.agricultural',
  'housing.members',
  'community.regional-law',
  'votes.legal-persons',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Every rule with its source, as shown next to each check. */
export const RULES: Readonly<Record<RuleId, { article: Texts; title: Texts }>> = {
  'founders.minimum': { article: { it: 'art. 2522 c.c.', en: 'art. 2522 Civil Code' }, title: { it: 'Numero minimo di soci fondatori', en: 'Minimum number of founders' } },
  'founders.keep-minimum': { article: { it: 'art. 2522 c. 3 c.c.', en: 'art. 2522(3) Civil Code' }, title: { it: 'Mantenere il numero minimo', en: 'Keeping the minimum' } },
  'legal-model': { article: { it: 'art. 2519 c.c.', en: 'art. 2519 Civil Code' }, title: { it: 'Modello legale (norme SpA o SRL)', en: 'Legal model (SpA or SRL rules)' } },
  'share.minimum': { article: { it: 'art. 2525 c. 1 c.c.', en: 'art. 2525(1) Civil Code' }, title: { it: 'Valore delle quote', en: 'Value of a share' } },
  'share.cap': { article: { it: 'art. 2525 c. 2–4 c.c.', en: 'art. 2525(2)–(4) Civil Code' }, title: { it: 'Limite di capitale per socio', en: 'Capital cap per member' } },
  'mutuality.prevailing': { article: { it: 'artt. 2512–2514 e 2545-octies c.c.', en: 'arts. 2512–2514 and 2545-octies Civil Code' }, title: { it: 'Mutualità prevalente', en: 'Prevailing mutuality' } },
  'mutuality.social-by-law': { article: { it: 'art. 111-septies disp. att. c.c.', en: 'art. 111-septies implementing provisions of the Civil Code' }, title: { it: 'Prevalente per legge', en: 'Prevailing by law' } },
  'social.type-a': { article: { it: 'L. 381/1991 art. 1 c. 1 lett. a', en: 'Law 381/1991 art. 1(1)(a)' }, title: { it: 'Cooperativa sociale di tipo A', en: 'Type A social co-operative' } },
  'social.type-b': { article: { it: 'L. 381/1991 art. 1 c. 1 lett. b e art. 4', en: 'Law 381/1991 arts. 1(1)(b) and 4' }, title: { it: 'Cooperativa sociale di tipo B: almeno 30% di lavoratori svantaggiati', en: 'Type B social co-operative: at least 30% disadvantaged workers' } },
  'social.volunteers': { article: { it: 'L. 381/1991 art. 2 c. 2', en: 'Law 381/1991 art. 2(2)' }, title: { it: 'Soci volontari', en: 'Volunteer members' } },
  'worker.regulation': { article: { it: 'L. 142/2001 art. 6', en: 'Law 142/2001 art. 6' }, title: { it: 'Regolamento interno del socio lavoratore', en: 'Internal regulation of worker members' } },
  'buyout.marcora': { article: { it: 'L. 49/1985 (Legge Marcora) e L. 57/2001', en: 'Law 49/1985 (Legge Marcora) and Law 57/2001' }, title: { it: 'Workers buyout', en: 'Workers’ buyout' } },
  'producer.agricultural': { article: { it: 'art. 2513 c. 3 c.c.', en: 'art. 2513(3) Civil Code' }, title: { it: 'Cooperative agricole: prevalenza dei prodotti dei soci', en: 'Agricultural co-ops: prevalence of members’ produce' } },
  'housing.members': { article: { it: 'art. 2512 c. 1 n. 1 c.c.', en: 'art. 2512(1)(1) Civil Code' }, title: { it: 'Soci assegnatari degli alloggi', en: 'Members as the homes’ occupants' } },
  'community.regional-law': { article: { it: 'leggi regionali (nessuna legge nazionale)', en: 'regional laws (no national law)' }, title: { it: 'Cooperativa di comunità', en: 'Community co-operative' } },
  'votes.legal-persons': { article: { it: 'art. 2538 c. 3 c.c.', en: 'art. 2538(3) Civil Code' }, title: { it: 'Voti dei soci persone giuridiche', en: 'Votes of legal-person members' } },
};

export interface Check {
  rule: RuleId;
  article: Texts;
  status: Status;
  text: Texts;
}

export interface Note {
  code: string;
  text: Texts;
}

export interface Recommendation {
  kind: Kind;
  primary: boolean;
  name: Texts;
  why: Texts;
  /** No check is `not-ok`. */
  eligible: boolean;
  /** The Albo categories co-ops of this kind are registered under (D.M. 23 giugno 2004). */
  alboCategories: string[];
  checks: Check[];
  warnings: Note[];
  nextSteps: Texts[];
}

export interface LegalModelAdvice {
  allowed: LegalModel[];
  recommended: LegalModel;
  text: Texts;
}

export interface Assessment {
  /** The group can found at least the primary kind as it stands. */
  eligible: boolean;
  /** Founders the group needs: 3 (all natural persons, SRL rules) or 9. */
  minimumFounders: 3 | 9;
  legalModel: LegalModelAdvice;
  recommendations: Recommendation[];
  warnings: Note[];
  nextSteps: Texts[];
  summary: Texts;
}

// ---------- figures of the law ----------

/** Art. 2522 c. 1: founders needed in general. */
export const MIN_FOUNDERS = 9;
/** Art. 2522 c. 2: founders needed when all are natural persons and SRL rules apply. */
export const MIN_FOUNDERS_SRL = 3;
/** Art. 2519 c. 2: SRL rules allowed below this many member-cooperators … */
export const SRL_MEMBER_LIMIT = 20;
/** … or with assets not above this (cents). */
export const SRL_ASSETS_LIMIT_CENTS = 100_000_000;
/** Art. 2525 c. 1: least nominal value of a share or quota (cents). */
export const MIN_SHARE_CENTS = 2_500;
/** Art. 2525 c. 1: greatest nominal value of a joint-stock share (azione), cents. */
export const MAX_AZIONE_CENTS = 50_000;
/** Art. 2525 c. 2: greatest capital of a natural-person member (cents). */
export const MEMBER_CAP_CENTS = 10_000_000;
/** L. 381/1991 art. 4 c. 2: disadvantaged workers at least 30% of the workers (basis points). */
export const TYPE_B_MIN_BPS = 3_000;

export const KIND_NAMES: Readonly<Record<Kind, Texts>> = {
  worker: { it: 'Cooperativa di lavoro (produzione e lavoro)', en: 'Worker co-operative (production and labour)' },
  user: { it: 'Cooperativa di utenti o consumatori', en: 'User or consumer co-operative' },
  producer: { it: 'Cooperativa di produttori (conferimento)', en: 'Producers’ co-operative (delivery of produce)' },
  housing: { it: 'Cooperativa edilizia di abitazione', en: 'Housing co-operative' },
  social_a: { it: 'Cooperativa sociale di tipo A', en: 'Type A social co-operative' },
  social_b: { it: 'Cooperativa sociale di tipo B', en: 'Type B social co-operative' },
  community: { it: 'Cooperativa di comunità', en: 'Community co-operative' },
};

/**
 * How each kind maps to the Albo's categories (D.M. 23 giugno 2004), for the registry's figures. Social co-ops are
 * one category; type A or B is the co-op's `social_type` (A, B or AB). Community co-ops have no category of their
 * own: they register under the category of their activity, so the registry cannot tell them apart.
 */
export const KIND_CATEGORIES: Readonly<Record<Kind, { categories: string[]; socialTypes?: string[] }>> = {
  worker: { categories: ['produzione_e_lavoro', 'lavoro_agricolo'] },
  user: { categories: ['consumo', 'dettaglianti'] },
  producer: { categories: ['conferimento_prodotti_agricoli'] },
  housing: { categories: ['edilizie_di_abitazione'] },
  social_a: { categories: ['sociali'], socialTypes: ['A', 'AB'] },
  social_b: { categories: ['sociali'], socialTypes: ['B', 'AB'] },
  community: { categories: [] },
};

/** What each kind is, for the public pages. */
export const KIND_EXPLANATIONS: Readonly<Record<Kind, Texts>> = {
  worker: {
    it: 'I soci sono i lavoratori: la cooperativa dà loro lavoro e il socio lavoratore ha, oltre al rapporto associativo, un rapporto di lavoro subordinato o autonomo (L. 142/2001). Bastano 3 fondatori persone fisiche con le norme della SRL (art. 2522 c.c.). È anche la forma di un workers buyout, quando i lavoratori rilevano l’impresa in crisi (L. 49/1985).',
    en: 'The members are the workers: the co-op gives them work, and a worker member has, besides membership, an employment or self-employment relationship (Law 142/2001). Three natural-person founders suffice under SRL rules (art. 2522 Civil Code). It is also the form of a workers’ buyout, when workers take over a firm in crisis (Law 49/1985).',
  },
  user: {
    it: 'I soci sono i consumatori o gli utenti dei beni e servizi della cooperativa (spesa, energia, servizi): la mutualità è lo scambio con loro (art. 2512 c. 1 n. 1 c.c.). Tra imprese, la forma è la cooperativa di dettaglianti o di servizi alle imprese.',
    en: 'The members are the consumers or users of the co-op’s goods and services (groceries, energy, services): mutuality is the exchange with them (art. 2512(1)(1) Civil Code). Between firms, the form is the retailers’ or business-services co-op.',
  },
  producer: {
    it: 'I soci sono produttori (di solito agricoltori) che conferiscono i loro prodotti alla cooperativa, che li trasforma e li vende (art. 2512 c. 1 n. 3 c.c.). Nelle cooperative agricole la prevalenza si misura sulla quantità o sul valore dei prodotti dei soci (art. 2513 c. 3).',
    en: 'The members are producers (usually farmers) who deliver their produce to the co-op, which processes and sells it (art. 2512(1)(3) Civil Code). In agricultural co-ops prevalence is measured on the quantity or value of members’ produce (art. 2513(3)).',
  },
  housing: {
    it: 'I soci sono le persone che abiteranno gli alloggi che la cooperativa costruisce, acquista o recupera: in proprietà divisa (assegnati in proprietà) o indivisa (la cooperativa resta proprietaria e ne concede l’uso ai soci).',
    en: 'The members are the people who will live in the homes the co-op builds, buys or renovates: in divided ownership (homes assigned to members) or undivided ownership (the co-op keeps them and grants members their use).',
  },
  social_a: {
    it: 'Persegue l’interesse generale della comunità gestendo servizi socio-sanitari ed educativi (L. 381/1991 art. 1 c. 1 lett. a). È a mutualità prevalente per legge e impresa sociale di diritto. Può avere soci volontari, fino a metà dei soci.',
    en: 'Pursues the community’s general interest by running social, health and educational services (Law 381/1991 art. 1(1)(a)). It has prevailing mutuality by law and is a social enterprise by law. It may have volunteer members, up to half of the members.',
  },
  social_b: {
    it: 'Svolge attività agricole, industriali, commerciali o di servizi per l’inserimento lavorativo di persone svantaggiate, che devono essere almeno il 30% dei lavoratori e, compatibilmente con il loro stato, soci (L. 381/1991 art. 1 c. 1 lett. b e art. 4).',
    en: 'Runs agricultural, industrial, commercial or service activities to bring disadvantaged people into work; they must be at least 30% of the workers and, as far as their condition allows, members (Law 381/1991 arts. 1(1)(b) and 4).',
  },
  community: {
    it: 'Gli abitanti di un luogo si uniscono per gestire servizi, beni comuni o attività economiche del territorio (spesso in aree interne o borghi). Non c’è una legge nazionale: la disciplinano solo alcune leggi regionali; nel registro ha la categoria della sua attività.',
    en: 'The people of a place join to run local services, common goods or economic activities (often in inland areas or villages). There is no national law: only some regional laws regulate them; in the register it takes the category of its activity.',
  },
};

// ---------- validation beyond the schema ----------

export interface AnswerProblem {
  field: string;
  code: string;
}

/** Cross-field mistakes the schema cannot see (each names its field). */
export function answerProblems(a: Answers): AnswerProblem[] {
  const out: AnswerProblem[] = [];
  if (new Set(a.members).size !== a.members.length) out.push({ field: 'members', code: 'incubator.members-repeated' });
  if (a.legalPersonFounders > a.founders) out.push({ field: 'legalPersonFounders', code: 'incubator.legal-persons-above-founders' });
  if (a.disadvantagedWorkers !== undefined && a.plannedWorkers === undefined) out.push({ field: 'plannedWorkers', code: 'incubator.planned-workers-required' });
  if (a.disadvantagedWorkers !== undefined && a.plannedWorkers !== undefined && a.disadvantagedWorkers > a.plannedWorkers) {
    out.push({ field: 'disadvantagedWorkers', code: 'incubator.disadvantaged-above-workers' });
  }
  return out;
}

// ---------- the rules ----------

const check = (rule: RuleId, status: Status, text: Texts): Check => ({ rule, article: RULES[rule].article, status, text });

/** Art. 2522 c.c.: 9 founders, or 3 when all are natural persons and the co-op follows SRL rules (c. 2). */
export function foundersRule(founders: number, legalPersons: number): { check: Check; minimum: 3 | 9; srlRequired: boolean } {
  const allNatural = legalPersons === 0;
  if (founders >= MIN_FOUNDERS) {
    return {
      minimum: allNatural ? MIN_FOUNDERS_SRL : MIN_FOUNDERS,
      srlRequired: false,
      check: check('founders.minimum', 'ok', say({ it: '{n} fondatori: sufficienti con qualsiasi modello (almeno 9, art. 2522 c. 1)', en: '{n} founders: enough under any model (at least 9, art. 2522(1))' }, { n: founders })),
    };
  }
  if (founders >= MIN_FOUNDERS_SRL && allNatural) {
    return {
      minimum: MIN_FOUNDERS_SRL,
      srlRequired: true,
      check: check(
        'founders.minimum',
        'ok',
        say(
          { it: '{n} fondatori: sufficienti con le norme della SRL perché sono tutti persone fisiche (art. 2522 c. 2); con le norme della SpA ne servono 9', en: '{n} founders: enough under SRL rules as all are natural persons (art. 2522(2)); SpA rules need 9' },
          { n: founders },
        ),
      ),
    };
  }
  if (founders >= MIN_FOUNDERS_SRL) {
    return {
      minimum: MIN_FOUNDERS,
      srlRequired: false,
      check: check(
        'founders.minimum',
        'not-ok',
        say(
          {
            it: '{n} fondatori, di cui {legal} imprese o enti: ne servono 9 (art. 2522 c. 1); bastano 3 solo se sono tutti persone fisiche e si adottano le norme della SRL (c. 2)',
            en: '{n} founders, {legal} of them firms or bodies: 9 are needed (art. 2522(1)); 3 suffice only if all are natural persons and SRL rules apply (para. 2)',
          },
          { n: founders, legal: legalPersons },
        ),
      ),
    };
  }
  return {
    minimum: allNatural ? MIN_FOUNDERS_SRL : MIN_FOUNDERS,
    srlRequired: false,
    check: check(
      'founders.minimum',
      'not-ok',
      say(
        { it: '{n} fondatori non bastano: ne servono almeno 3 persone fisiche con le norme della SRL, altrimenti 9 (art. 2522)', en: '{n} founders are not enough: at least 3 natural persons under SRL rules, otherwise 9 (art. 2522)' },
        { n: founders },
      ),
    ),
  };
}

/** Art. 2519 c.c.: SpA rules by default (c. 1); SRL rules allowed with fewer than 20 members or assets up to €1M (c. 2). */
export function legalModelRule(founders: number, srlRequired: boolean, assetsCents: number | undefined): { advice: LegalModelAdvice; check: Check; warnings: Note[] } {
  const fewMembers = founders < SRL_MEMBER_LIMIT;
  const smallAssets = assetsCents === undefined ? null : assetsCents <= SRL_ASSETS_LIMIT_CENTS;
  const srlAllowed = fewMembers || smallAssets === true;
  const warnings: Note[] = [];
  const allowed: LegalModel[] = srlRequired ? ['srl'] : srlAllowed ? ['srl', 'spa'] : ['spa'];
  // Small groups: SRL rules (simpler); from 20 members SpA rules, which the co-op would need anyway as it grows.
  const recommended: LegalModel = srlRequired || fewMembers ? 'srl' : 'spa';
  let status: Status = 'ok';
  let text: Texts;
  if (srlRequired) {
    text = say(
      { it: 'Norme della SRL: obbligatorie per fondare in {n} (art. 2522 c. 2) e ammesse perché i soci sono meno di 20 (art. 2519 c. 2)', en: 'SRL rules: required to found with {n} (art. 2522(2)) and allowed as members are fewer than 20 (art. 2519(2))' },
      { n: founders },
    );
  } else if (fewMembers) {
    text = say(
      { it: 'Norme della SRL ammesse perché i soci sono meno di 20 (art. 2519 c. 2), più semplici per un gruppo piccolo; altrimenti valgono le norme della SpA (c. 1)', en: 'SRL rules allowed as members are fewer than 20 (art. 2519(2)), simpler for a small group; otherwise SpA rules apply (para. 1)' },
      {},
    );
  } else if (smallAssets === true) {
    text = say(
      { it: 'Con {n} soci le norme della SRL sono ammesse solo finché l’attivo non supera {limit} (art. 2519 c. 2); altrimenti valgono le norme della SpA (c. 1)', en: 'With {n} members SRL rules are allowed only while assets do not exceed {limit} (art. 2519(2)); otherwise SpA rules apply (para. 1)' },
      { n: founders, limit: euro(SRL_ASSETS_LIMIT_CENTS) },
    );
  } else if (smallAssets === false) {
    text = say(
      { it: 'Norme della SpA: con {n} soci e un attivo oltre {limit} le norme della SRL non sono ammesse (art. 2519)', en: 'SpA rules: with {n} members and assets above {limit} SRL rules are not allowed (art. 2519)' },
      { n: founders, limit: euro(SRL_ASSETS_LIMIT_CENTS) },
    );
  } else {
    status = 'to-verify';
    text = say(
      {
        it: 'Norme della SpA per regola (art. 2519 c. 1); con {n} soci le norme della SRL sono ammesse solo se l’attivo non supera {limit} (c. 2): indica l’attivo previsto',
        en: 'SpA rules by default (art. 2519(1)); with {n} members SRL rules are allowed only if assets do not exceed {limit} (para. 2): give the expected assets',
      },
      { n: founders, limit: euro(SRL_ASSETS_LIMIT_CENTS) },
    );
  }
  if (allowed.includes('srl')) {
    warnings.push({
      code: 'legal-model.growth',
      text: say(
        { it: 'Se la cooperativa arriva a 20 soci e il suo attivo supera {limit}, deve passare alle norme della SpA (art. 2519 c. 2).', en: 'If the co-op reaches 20 members and its assets exceed {limit}, it must move to SpA rules (art. 2519(2)).' },
        { limit: euro(SRL_ASSETS_LIMIT_CENTS) },
      ),
    });
  }
  return { advice: { allowed, recommended, text }, check: check('legal-model', status, text), warnings };
}

/** Art. 2525 c. 1: a share or quota is worth at least €25; a joint-stock share (azione) at most €500. */
export function shareMinimumRule(shareCents: number | undefined, allowed: readonly LegalModel[]): Check {
  if (shareCents === undefined) {
    return check('share.minimum', 'ok', say({ it: 'Ogni quota vale almeno {min}; con le norme della SpA ogni azione al massimo {max}', en: 'Each share is worth at least {min}; under SpA rules each share at most {max}' }, { min: euro(MIN_SHARE_CENTS), max: euro(MAX_AZIONE_CENTS) }));
  }
  if (shareCents < MIN_SHARE_CENTS) {
    return check('share.minimum', 'not-ok', say({ it: 'Quota di {v}: sotto il minimo di {min}', en: 'Share of {v}: below the minimum of {min}' }, { v: euro(shareCents), min: euro(MIN_SHARE_CENTS) }));
  }
  if (shareCents > MAX_AZIONE_CENTS && !allowed.includes('srl')) {
    return check('share.minimum', 'not-ok', say({ it: 'Azione di {v}: con le norme della SpA non può superare {max}', en: 'Share of {v}: under SpA rules it may not exceed {max}' }, { v: euro(shareCents), max: euro(MAX_AZIONE_CENTS) }));
  }
  if (shareCents > MAX_AZIONE_CENTS) {
    return check('share.minimum', 'ok', say({ it: 'Quota di {v}: ammessa con le norme della SRL; con quelle della SpA un’azione non supera {max}', en: 'Share of {v}: allowed under SRL rules; under SpA rules a share may not exceed {max}' }, { v: euro(shareCents), max: euro(MAX_AZIONE_CENTS) }));
  }
  return check('share.minimum', 'ok', say({ it: 'Quota di {v}: almeno {min}', en: 'Share of {v}: at least {min}' }, { v: euro(shareCents), min: euro(MIN_SHARE_CENTS) }));
}

/** Art. 2525 c. 2–4: at most €100,000 per natural-person member (see the file comment for c. 3 and 4). */
export function shareCapRule(capitalCents: number | undefined, founders: number, legalPersons: number): Check {
  const rule = {
    it: 'nessun socio persona fisica può avere più di {cap} (art. 2525 c. 2), salvo che lo statuto di una cooperativa con più di 500 soci lo elevi al 2% del capitale (c. 3); il limite non vale per i soci non persone fisiche, per i conferimenti in natura o di crediti né per i ristorni imputati a capitale (c. 4)',
    en: 'no natural-person member may hold more than {cap} (art. 2525(2)), unless the statute of a co-op with more than 500 members raises it to 2% of the capital (para. 3); the cap does not apply to members other than natural persons, contributions in kind or credits, nor to ristorni added to capital (para. 4)',
  };
  const cap = euro(MEMBER_CAP_CENTS);
  if (capitalCents === undefined) return check('share.cap', 'ok', say({ it: `Limite: ${rule.it}`, en: `Cap: ${rule.en}` }, { cap }));
  const naturalFounders = founders - legalPersons;
  if (capitalCents > MEMBER_CAP_CENTS && naturalFounders > 0) {
    return check('share.cap', 'not-ok', say({ it: `{v} a testa supera il limite: ${rule.it}`, en: `{v} each is above the cap: ${rule.en}` }, { v: euro(capitalCents), cap }));
  }
  return check('share.cap', 'ok', say({ it: `{v} a testa rientra nel limite: ${rule.it}`, en: `{v} each is within the cap: ${rule.en}` }, { v: euro(capitalCents), cap }));
}

const PREVALENCE_MEASURE: Readonly<Record<Kind, Texts>> = {
  worker: { it: 'del costo del lavoro (B9) va ai soci (art. 2512 c. 1 n. 2, art. 2513 c. 1 lett. b)', en: 'of the labour cost (B9) goes to members (art. 2512(1)(2), art. 2513(1)(b))' },
  user: { it: 'dei ricavi delle vendite e prestazioni (A1) viene dai soci (art. 2512 c. 1 n. 1, art. 2513 c. 1 lett. a)', en: 'of the revenues from sales and services (A1) comes from members (art. 2512(1)(1), art. 2513(1)(a))' },
  producer: { it: 'dei beni acquistati (B6) viene dai soci (art. 2512 c. 1 n. 3, art. 2513 c. 1 lett. c)', en: 'of the goods bought (B6) comes from members (art. 2512(1)(3), art. 2513(1)(c))' },
  housing: { it: 'dei ricavi (A1) viene dai soci che usano gli alloggi (art. 2512 c. 1 n. 1, art. 2513 c. 1 lett. a)', en: 'of the revenues (A1) comes from the members using the homes (art. 2512(1)(1), art. 2513(1)(a))' },
  social_a: { it: '', en: '' },
  social_b: { it: '', en: '' },
  community: { it: 'dello scambio (ricavi, lavoro o beni, secondo i soci) è con i soci, ponderato se gli scambi sono di più tipi (artt. 2512–2513)', en: 'of the exchange (revenues, work or goods, depending on the members) is with members, weighted when there are several kinds (arts. 2512–2513)' },
};

/** Art. 2512–2514 and 2545-octies c.c.: what prevailing mutuality takes and means; social co-ops have it by law. */
export function prevailingRule(kind: Kind): Check {
  if (kind === 'social_a' || kind === 'social_b') {
    return check(
      'mutuality.social-by-law',
      'ok',
      say({
        it: 'Le cooperative sociali sono a mutualità prevalente per legge, qualunque sia lo scambio con i soci, se lo statuto contiene le clausole dell’art. 2514 c.c.; conservano le agevolazioni fiscali delle cooperative',
        en: 'Social co-ops have prevailing mutuality by law, whatever their exchange with members, if the statute carries the clauses of art. 2514 Civil Code; they keep the co-ops’ tax relief',
      }),
    );
  }
  return check(
    'mutuality.prevailing',
    'to-verify',
    say(
      {
        it: 'Mutualità prevalente se più del 50% {m}, con le clausole dell’art. 2514 nello statuto (dividendi limitati, riserve indivisibili, patrimonio ai fondi mutualistici allo scioglimento). Solo così la cooperativa è nella sezione «a mutualità prevalente» dell’Albo e ha le agevolazioni fiscali sugli utili destinati a riserva indivisibile; due anni di fila sotto il 50% le fanno perdere (art. 2545-octies)',
        en: 'Prevailing mutuality if more than 50% {m}, with the clauses of art. 2514 in the statute (capped dividends, indivisible reserves, assets to the mutual funds on dissolution). Only then is the co-op in the Albo’s “prevailing mutuality” section, with the tax relief on profits put to indivisible reserves; two years in a row below 50% lose it (art. 2545-octies)',
      },
      { m: PREVALENCE_MEASURE[kind] },
    ),
  );
}

// ---------- which kinds fit ----------

/** The kinds that fit the answers, the best first (each kind once). */
export function kindsFor(a: Answers): Kind[] {
  const out: Kind[] = [];
  const add = (k: Kind) => {
    if (!out.includes(k)) out.push(k);
  };
  const has = (g: MemberGroup) => a.members.includes(g);
  const social = a.activity === 'social_services' || a.activity === 'work_integration';
  if (a.activity === 'social_services') add('social_a');
  if (a.activity === 'work_integration') add('social_b');
  if (a.workersBuyout) add('worker');
  if (has('community')) add('community');
  if (has('inhabitants') || a.activity === 'housing') add('housing');
  // In a social co-op workers and users are its members: the social form already covers them.
  if (has('workers') && !social) add('worker');
  if (has('users') && !social) add('user');
  if (has('producers')) add('producer');
  if (out.length === 0) add(has('workers') ? 'worker' : 'user');
  return out;
}

const WHY: Readonly<Record<Kind, Texts>> = {
  worker: { it: 'Siete lavoratori che si danno lavoro insieme: la cooperativa di lavoro ha come scambio mutualistico il lavoro dei soci.', en: 'You are workers who give yourselves work together: a worker co-op’s mutual exchange is its members’ work.' },
  user: { it: 'I soci useranno i beni o i servizi della cooperativa: la mutualità è lo scambio con loro come utenti o consumatori.', en: 'The members will use the co-op’s goods or services: mutuality is the exchange with them as users or consumers.' },
  producer: { it: 'I soci producono e conferiscono i loro prodotti alla cooperativa, che li valorizza per loro.', en: 'The members produce and deliver their produce to the co-op, which adds value for them.' },
  housing: { it: 'I soci cercano una casa: la cooperativa di abitazione costruisce, acquista o recupera alloggi per loro.', en: 'The members are looking for a home: a housing co-op builds, buys or renovates homes for them.' },
  social_a: { it: 'L’attività è di servizi socio-sanitari ed educativi per la comunità: è la cooperativa sociale di tipo A.', en: 'The activity is social, health and educational services for the community: that is a type A social co-op.' },
  social_b: { it: 'L’attività serve a dare lavoro a persone svantaggiate: è la cooperativa sociale di tipo B.', en: 'The activity is about bringing disadvantaged people into work: that is a type B social co-op.' },
  community: { it: 'Una comunità locale vuole gestire insieme servizi o beni del proprio territorio: è la cooperativa di comunità.', en: 'A local community wants to run its own place’s services or goods together: that is a community co-op.' },
};

function kindSpecific(kind: Kind, a: Answers): { checks: Check[]; warnings: Note[]; nextSteps: Texts[] } {
  const checks: Check[] = [];
  const warnings: Note[] = [];
  const nextSteps: Texts[] = [];
  const has = (g: MemberGroup) => a.members.includes(g);
  switch (kind) {
    case 'social_a':
      checks.push(
        check('social.type-a', 'ok', {
          it: 'Gestione di servizi socio-sanitari ed educativi nell’interesse generale della comunità',
          en: 'Running social, health and educational services in the community’s general interest',
        }),
      );
      warnings.push({ code: 'social.volunteers', text: { it: 'I soci volontari, se previsti, non possono superare la metà dei soci (L. 381/1991 art. 2 c. 2).', en: 'Volunteer members, if any, may not exceed half of the members (Law 381/1991 art. 2(2)).' } });
      nextSteps.push({ it: 'Verificate l’iscrizione all’albo regionale delle cooperative sociali e gli accreditamenti per i servizi.', en: 'Check the regional register of social co-ops and the accreditation the services need.' });
      break;
    case 'social_b': {
      const { plannedWorkers: w, disadvantagedWorkers: d } = a;
      if (w === undefined || d === undefined || w === 0) {
        checks.push(
          check('social.type-b', 'to-verify', {
            it: 'Almeno il 30% dei lavoratori deve essere svantaggiato e, compatibilmente con il suo stato, socio: indicate i lavoratori previsti e quanti sono svantaggiati',
            en: 'At least 30% of the workers must be disadvantaged and, as far as their condition allows, members: give the planned workers and how many are disadvantaged',
          }),
        );
      } else {
        // Integer arithmetic: d / w ≥ 30% ⇔ d × 10000 ≥ w × 3000.
        const enough = d * 10_000 >= w * TYPE_B_MIN_BPS;
        const needed = Math.ceil((w * TYPE_B_MIN_BPS) / 10_000);
        checks.push(
          check(
            'social.type-b',
            enough ? 'ok' : 'not-ok',
            enough
              ? say({ it: '{d} lavoratori svantaggiati su {w}: almeno il 30%', en: '{d} disadvantaged workers of {w}: at least 30%' }, { d, w })
              : say({ it: '{d} lavoratori svantaggiati su {w}: sotto il 30%, ne servono almeno {n}', en: '{d} disadvantaged workers of {w}: below 30%, at least {n} are needed' }, { d, w, n: needed }),
          ),
        );
      }
      if (!has('workers')) warnings.push({ code: 'social.b-workers', text: { it: 'Una cooperativa di tipo B lavora con i suoi lavoratori: prevedete soci lavoratori.', en: 'A type B co-op works through its workers: plan for worker members.' } });
      nextSteps.push({ it: 'Individuate con i servizi pubblici le persone svantaggiate (art. 4 L. 381/1991: la condizione è certificata dalla pubblica amministrazione).', en: 'Identify the disadvantaged people with the public services (Law 381/1991 art. 4: the condition is certified by the public administration).' });
      break;
    }
    case 'worker':
      checks.push(
        check('worker.regulation', 'ok', {
          it: 'Il socio lavoratore ha anche un rapporto di lavoro (subordinato, autonomo o altro): l’assemblea approva un regolamento interno che lo disciplina',
          en: 'A worker member also has a work relationship (employment, self-employment or other): the assembly approves an internal regulation that governs it',
        }),
      );
      if (a.workersBuyout) {
        checks.push(
          check(
            'buyout.marcora',
            has('workers') ? 'ok' : 'not-ok',
            has('workers')
              ? {
                  it: 'Workers buyout: i lavoratori dell’impresa in crisi fondano una cooperativa di lavoro e ne rilevano l’attività, con il sostegno di CFI e dei fondi mutualistici (Coopfond)',
                  en: 'Workers’ buyout: the workers of the firm in crisis found a worker co-op and take over its business, backed by CFI and the mutual funds (Coopfond)',
                }
              : {
                  it: 'Un workers buyout è fatto dai lavoratori dell’impresa: tra i soci devono esserci i lavoratori',
                  en: 'A workers’ buyout is done by the firm’s workers: the members must include the workers',
                },
          ),
        );
        nextSteps.push(
          { it: 'Chiedete la NASpI anticipata in un’unica soluzione per versarla come capitale (art. 8 D.Lgs. 22/2015), e valutate il TFR.', en: 'Apply for the unemployment benefit (NASpI) paid in advance as a lump sum to pay in as capital (art. 8 Legislative Decree 22/2015), and consider severance pay (TFR).' },
          { it: 'Preparate con l’associazione il piano di fattibilità e di finanziamento (CFI, Coopfond, banche) per l’affitto o l’acquisto del ramo d’azienda.', en: 'Prepare with the association the feasibility and financing plan (CFI, Coopfond, banks) to lease or buy the business.' },
        );
      }
      if (a.activity === 'agriculture') warnings.push({ code: 'worker.agricultural', text: { it: 'Per il lavoro agricolo la categoria dell’Albo è «cooperative di lavoro agricolo».', en: 'For farm work the Albo category is “agricultural worker co-operatives”.' } });
      nextSteps.push({ it: 'Scrivete il regolamento interno del socio lavoratore (L. 142/2001 art. 6) da approvare in assemblea.', en: 'Draft the worker members’ internal regulation (Law 142/2001 art. 6) for the assembly to approve.' });
      break;
    case 'producer':
      if (a.activity === 'agriculture') {
        checks.push(
          check('producer.agricultural', 'to-verify', {
            it: 'Per le cooperative agricole la prevalenza c’è quando la quantità o il valore dei prodotti conferiti dai soci supera il 50% del totale dei prodotti',
            en: 'For agricultural co-ops prevalence holds when the quantity or value of produce delivered by members exceeds 50% of all produce',
          }),
        );
      }
      break;
    case 'housing':
      checks.push(
        check('housing.members', has('inhabitants') ? 'ok' : 'to-verify', {
          it: 'I soci sono le persone che abiteranno gli alloggi: la mutualità è l’assegnazione della casa ai soci',
          en: 'The members are the people who will live in the homes: mutuality is assigning the homes to members',
        }),
      );
      nextSteps.push({ it: 'Scegliete tra proprietà divisa e indivisa e verificate i bandi regionali per l’edilizia agevolata.', en: 'Choose between divided and undivided ownership and check the regional calls for subsidised housing.' });
      break;
    case 'community':
      checks.push(
        check('community.regional-law', 'to-verify', {
          it: 'Non c’è una legge nazionale sulle cooperative di comunità: la disciplinano alcune leggi regionali (ad esempio Puglia, L.R. 23/2014). Verificate la legge della vostra regione; la cooperativa resta soggetta alle regole del codice civile',
          en: 'There is no national law on community co-ops: some regional laws regulate them (for instance Apulia, Regional Law 23/2014). Check your region’s law; the co-op is still bound by the Civil Code’s rules',
        }),
      );
      break;
    case 'user':
      break;
  }
  return { checks, warnings, nextSteps };
}

const GENERAL_STEPS: readonly Texts[] = [
  { it: 'Scrivete il piano d’impresa (business plan) con l’associazione territoriale.', en: 'Write the business plan with the territorial association.' },
  { it: 'Preparate lo statuto con le clausole mutualistiche e firmate l’atto costitutivo davanti al notaio (atto pubblico, art. 2521 c.c.).', en: 'Prepare the statute with the mutuality clauses and sign the founding deed before a notary (public deed, art. 2521 Civil Code).' },
  { it: 'Iscrivete la cooperativa al Registro delle imprese e all’Albo delle società cooperative.', en: 'Register the co-op with the Companies Register and the Albo of co-operatives.' },
  { it: 'Aderite a un’associazione di rappresentanza, che vi segue e svolge la revisione cooperativa (D.Lgs. 220/2002).', en: 'Join a representative association, which supports you and carries out the co-operative audit (Legislative Decree 220/2002).' },
];

/**
 * The whole self-assessment. The answers must have passed `answerProblems`. A project's `chosen` kind is assessed
 * too even when the answers do not point to it (then it comes last, and `kindsFor` tells it does not fit).
 */
export function assess(a: Answers, chosen?: Kind): Assessment {
  const founders = foundersRule(a.founders, a.legalPersonFounders);
  const model = legalModelRule(a.founders, founders.srlRequired, a.expectedAssetsCents);
  const share = shareMinimumRule(a.shareCents, model.advice.allowed);
  const cap = shareCapRule(a.capitalPerFounderCents, a.founders, a.legalPersonFounders);
  const common: Check[] = [founders.check, model.check, share, cap];
  if (a.legalPersonFounders > 0) {
    common.push(
      check('votes.legal-persons', 'ok', {
        it: 'Lo statuto può dare ai soci persone giuridiche fino a 5 voti, in proporzione alla quota o ai loro soci',
        en: 'The statute may give legal-person members up to 5 votes, in proportion to their stake or their own members',
      }),
    );
  }
  const warnings: Note[] = [...model.warnings];
  if (founders.check.status === 'ok' && a.founders === founders.minimum) {
    warnings.push({
      code: 'founders.keep-minimum',
      text: say(
        { it: 'Siete esattamente {n}: se i soci scendono sotto il minimo vanno reintegrati entro un anno, altrimenti la cooperativa si scioglie (art. 2522 c. 3).', en: 'You are exactly {n}: if members fall below the minimum they must be made up within a year, or the co-op is dissolved (art. 2522(3)).' },
        { n: a.founders },
      ),
    });
  }
  const kinds = kindsFor(a);
  const fitting = kinds.length;
  if (chosen && !kinds.includes(chosen)) kinds.push(chosen);
  if (fitting > 1) {
    warnings.push({
      code: 'kinds.several',
      text: {
        it: 'Più tipi di soci: potete scegliere una forma o una cooperativa con più categorie di soci (multi-stakeholder); la prevalenza si calcola allora ponderando gli scambi (art. 2513 c. 2).',
        en: 'Several kinds of members: choose one form, or a co-op with several member classes (multi-stakeholder); prevalence is then weighted over the exchanges (art. 2513(2)).',
      },
    });
  }
  const recommendations: Recommendation[] = kinds.map((kind, i) => {
    const specific = kindSpecific(kind, a);
    const checks = [...common, prevailingRule(kind), ...specific.checks];
    return {
      kind,
      primary: i === 0,
      name: KIND_NAMES[kind],
      why: WHY[kind],
      eligible: checks.every((c) => c.status !== 'not-ok'),
      alboCategories: [...KIND_CATEGORIES[kind].categories],
      checks,
      warnings: specific.warnings,
      nextSteps: specific.nextSteps,
    };
  });
  const primary = recommendations[0] as Recommendation;
  const modelName: Record<LegalModel, Texts> = { srl: { it: 'norme della SRL', en: 'SRL rules' }, spa: { it: 'norme della SpA', en: 'SpA rules' } };
  const summary = primary.eligible
    ? say({ it: 'Consigliata: {kind}, con le {model}.', en: 'Recommended: {kind}, with {model}.' }, { kind: primary.name, model: modelName[model.advice.recommended] })
    : say({ it: 'Consigliata: {kind}, ma prima va risolto ciò che è segnato come non conforme.', en: 'Recommended: {kind}, but first solve what is marked as not met.' }, { kind: primary.name });
  return {
    eligible: primary.eligible,
    minimumFounders: founders.minimum,
    legalModel: model.advice,
    recommendations,
    warnings,
    nextSteps: [...GENERAL_STEPS],
    summary,
  };
}
