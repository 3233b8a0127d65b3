// Names for the demo federation: people's names from faker's Italian locale (common names weighted up so the
// register does not read like a calendar of saints), co-op names by Albo category, firm names for legal persons.
import { fakerIT } from '@faker-js/faker';
import type { AlboCategory } from '../domain/index.ts';
import { NAME_WORDS } from './catalogue.ts';
import { Weighted, type Random } from './random.ts';

// Frequent Italian (and Emilian-Romagnol) names; only those also in faker's lists are used, and weighted up.
const COMMON_FEMALE = [
  'Maria', 'Anna', 'Giulia', 'Francesca', 'Chiara', 'Sara', 'Laura', 'Valentina', 'Elena', 'Silvia', 'Alessandra', 'Federica',
  'Martina', 'Paola', 'Roberta', 'Giovanna', 'Elisa', 'Barbara', 'Monica', 'Cristina', 'Simona', 'Daniela', 'Claudia', 'Serena',
  'Giuseppina', 'Rosa', 'Angela', 'Lucia', 'Patrizia', 'Antonella', 'Manuela', 'Michela', 'Sofia', 'Aurora', 'Alice', 'Giorgia',
  'Beatrice', 'Emma', 'Greta', 'Marta', 'Irene', 'Ilaria', 'Eleonora', 'Veronica', 'Stefania', 'Nadia', 'Loredana', 'Carla',
  'Franca', 'Luisa', 'Rita', 'Teresa', 'Gabriella', 'Bruna', 'Marisa', 'Graziella', 'Arianna', 'Camilla', 'Noemi', 'Ginevra',
];
const COMMON_MALE = [
  'Marco', 'Giuseppe', 'Giovanni', 'Luca', 'Andrea', 'Francesco', 'Alessandro', 'Antonio', 'Matteo', 'Lorenzo', 'Stefano',
  'Roberto', 'Paolo', 'Davide', 'Simone', 'Federico', 'Riccardo', 'Mario', 'Luigi', 'Daniele', 'Fabio', 'Massimo', 'Claudio',
  'Alberto', 'Nicola', 'Enrico', 'Gabriele', 'Maurizio', 'Sergio', 'Franco', 'Giorgio', 'Bruno', 'Carlo', 'Pietro', 'Emanuele',
  'Michele', 'Filippo', 'Tommaso', 'Leonardo', 'Edoardo', 'Mattia', 'Diego', 'Alessio', 'Cristian', 'Gianluca', 'Vincenzo',
  'Salvatore', 'Angelo', 'Dario', 'Mirko', 'Ivan', 'Denis', 'Nicolò', 'Samuele', 'Gianni', 'Renzo', 'Sauro', 'Loris', 'Ivano',
];
const COMMON_FAMILY = [
  'Rossi', 'Ferrari', 'Russo', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'De Luca',
  'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti', 'Barbieri', 'Fontana', 'Santoro', 'Mariani', 'Rinaldi', 'Caruso',
  'Ferrara', 'Galli', 'Martini', 'Leone', 'Longo', 'Gentile', 'Martinelli', 'Vitale', 'Lombardo', 'Serra', 'Coppola', 'Marchetti',
  'Parisi', 'Villa', 'Conte', 'Ferraro', 'Ferri', 'Fabbri', 'Bianco', 'Marini', 'Grasso', 'Valentini', 'Gatti', 'Pellegrini',
  'Farina', 'Rizzi', 'Monti', 'Morelli', 'Silvestri', 'Mazza', 'Testa', 'Grassi', 'Giuliani', 'Benedetti', 'Barone', 'Montanari',
  'Guerra', 'Palmieri', 'Bernardi', 'Fiore', 'Ferretti', 'Bellini', 'Basile', 'Donati', 'Sartori', 'Neri', 'Milani', 'Orlando',
  'Casadei', 'Baldini', 'Zanotti', 'Bassi', 'Mazzoni', 'Benassi', 'Gualandi', 'Tassinari', 'Magnani', 'Tosi', 'Righi', 'Gozzi',
  'Zanni', 'Malaguti', 'Bonetti', 'Guidetti', 'Gardini', 'Cavazza', 'Pancaldi', 'Ravaioli', 'Morini', 'Spaggiari', 'Bertolini',
];

function weightedPool(all: readonly string[], common: readonly string[], boost: number): Weighted<string> {
  const frequent = new Set(common);
  return new Weighted(all.map((n) => [n, frequent.has(n) ? boost : 1] as const));
}

/** Pools of names drawn from faker's Italian locale. */
export class NamePools {
  readonly female: Weighted<string>;
  readonly male: Weighted<string>;
  readonly family: Weighted<string>;

  constructor() {
    const person = fakerIT.rawDefinitions.person;
    const first = person?.first_name as { female?: string[]; male?: string[] } | undefined;
    const last = person?.last_name as { generic?: string[] } | string[] | undefined;
    const female = first?.female ?? [];
    const male = first?.male ?? [];
    const family = Array.isArray(last) ? last : (last?.generic ?? []);
    if (female.length === 0 || male.length === 0 || family.length === 0) throw new Error("faker's Italian locale has no person names");
    this.female = weightedPool(female, COMMON_FEMALE, 40);
    this.male = weightedPool(male, COMMON_MALE, 40);
    this.family = weightedPool(family, COMMON_FAMILY, 12);
  }

  given(rng: Random, gender: 'F' | 'M'): string {
    return (gender === 'F' ? this.female : this.male).sample(rng);
  }

  familyName(rng: Random): string {
    return this.family.sample(rng);
  }
}

/** Lower-case ASCII letters only ("D'Angelo" → "dangelo"), for e-mail addresses. */
export function asciiSlug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

const { social, works, ideas, agri, culture } = NAME_WORDS;

/** A plausible co-op name for the category (uniqueness is the caller's business). */
export function cooperativeName(category: AlboCategory, comune: string, provinceName: string, rng: Random, giant = false): string {
  const p = <T>(xs: readonly T[]) => rng.pick(xs);
  const di = (c: string) => (/^[AEIOU]/i.test(c) ? `d'${c}` : `di ${c}`);
  switch (category) {
    case 'produzione_e_lavoro':
      return p([
        () => `${p(ideas)} ${p(works)} Soc. Coop.`,
        () => `Cooperativa ${p(works)} ${comune} Soc. Coop.`,
        () => `Cooperativa Muratori e Braccianti ${di(comune)}`,
        () => `${p(works)} ${p(ideas)} Società Cooperativa`,
        () => `Cooperativa Lavoratori ${p(works)} ${p(ideas)}`,
      ])();
    case 'lavoro_agricolo':
      return p([() => `Cooperativa Braccianti Agricoli ${di(comune)}`, () => `Cooperativa Agricola ${p(ideas)} Soc. Coop.`, () => `Lavoratori della Terra ${p(ideas)} Soc. Coop.`])();
    case 'sociali':
      return p([
        () => `Cooperativa Sociale ${p(social)}`,
        () => `${p(social)} Società Cooperativa Sociale`,
        () => `${p(social)} Cooperativa Sociale Onlus`,
        () => `Cooperativa Sociale ${p(social)} ${comune}`,
      ])();
    case 'conferimento_prodotti_agricoli':
      return p([
        () => `Cantina Sociale ${di(comune)} Soc. Coop. Agricola`,
        () => `Caseificio Sociale ${p(ideas)} Soc. Agr. Coop.`,
        () => `${p(agri)} ${p(ideas)} Soc. Coop. Agricola`,
        () => `Latteria Sociale ${di(comune)}`,
        () => `Cooperativa ${p(agri)} ${comune}`,
      ])();
    case 'edilizie_di_abitazione':
      return p([
        () => `Cooperativa Edificatrice ${p(ideas)}`,
        () => `Cooperativa di Abitanti ${comune} Soc. Coop.`,
        () => `Casa ${p(ideas)} Soc. Coop.`,
        () => `Cooperativa per la Casa ${p(ideas)}`,
      ])();
    case 'pesca':
      return p([() => `Cooperativa Pescatori ${di(comune)}`, () => `Cooperativa Molluschicoltori ${comune}`, () => `${p(ideas)} Pesca Soc. Coop.`])();
    case 'consumo':
      if (giant) return `Coop ${p(['Emilia', 'Adriatica', 'Padana', 'Estense', 'Romagna', 'Appennino', 'Via Emilia', 'Terre Emiliane', 'Delta', 'Riviera'])} Consumatori Soc. Coop.`;
      return p([() => `Cooperativa di Consumo ${di(comune)}`, () => `Coop ${p(ideas)} Soc. Coop.`, () => `Coop Consumatori ${comune}`])();
    case 'dettaglianti':
      return p([() => `Dettaglianti Associati ${comune} Soc. Coop.`, () => `Cooperativa Esercenti ${p(ideas)}`, () => `Farmacie Cooperative ${provinceName}`])();
    case 'trasporto':
      return p([
        () => `Cooperativa Trasporti ${comune} Soc. Coop.`,
        () => `${p(ideas)} Logistica Soc. Coop.`,
        () => `Cooperativa Taxi ${comune}`,
        () => `Autotrasportatori ${p(ideas)} Soc. Coop.`,
      ])();
    case 'consorzi_cooperativi':
      return p([
        () => `Consorzio ${p(ideas)} Soc. Coop.`,
        () => `Consorzio Cooperativo ${p(works)} ${provinceName}`,
        () => `Consorzio Sociale ${p(social)}`,
        () => `Consorzio Cooperative ${p(works)} ${comune}`,
      ])();
    case 'consorzi_agrari':
      return p([() => `Consorzio Agrario ${di(provinceName)}`, () => `Consorzio Agrario ${p(ideas)} Soc. Coop.`])();
    case 'banche_credito_cooperativo':
      return p([() => `Banca di Credito Cooperativo ${di(comune)}`, () => `BCC ${p(ideas)} Soc. Coop.`])();
    case 'garanzia_fidi':
      return p([() => `${p(ideas)} Fidi Soc. Coop.`, () => `Cooperfidi ${provinceName}`])();
    case 'altre':
      return p([
        () => `${p(culture)} ${p(ideas)} Soc. Coop.`,
        () => `Cooperativa ${p(culture)} ${comune}`,
        () => `${p(ideas)} Società Cooperativa`,
        () => `Cooperativa Culturale ${p(social)}`,
      ])();
  }
}

/** A firm's name for a legal-person member, fitting the kind of co-op it joins. */
export function firmName(category: AlboCategory, names: NamePools, rng: Random): string {
  const f = () => names.familyName(rng);
  switch (category) {
    case 'conferimento_prodotti_agricoli':
    case 'consorzi_agrari':
    case 'lavoro_agricolo':
      return rng.pick([() => `Azienda Agricola ${f()}`, () => `Società Agricola ${f()} e ${f()} S.s.`, () => `Agricola ${f()} S.r.l.`])();
    case 'dettaglianti':
      return rng.pick([() => `Market ${f()} S.a.s.`, () => `Alimentari ${f()} S.n.c.`, () => `Farmacia ${f()} S.n.c.`, () => `${f()} & ${f()} S.r.l.`])();
    case 'trasporto':
      return rng.pick([() => `Autotrasporti ${f()} S.r.l.`, () => `${f()} Trasporti S.n.c.`])();
    default:
      return rng.pick([() => `${f()} S.r.l.`, () => `${f()} & ${f()} S.n.c.`, () => `${f()} Servizi S.r.l.`, () => `${f()} Costruzioni S.p.A.`])();
  }
}
