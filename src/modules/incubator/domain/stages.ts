// The stages a project goes through, from the idea to the follow-up of the founded co-op, each with its checklist.
// A project moves one stage forward when its current checklist is complete; from the founding deed on, the group
// must also be eligible under the assessment rules (art. 2522 and the kind's own rules). Pure.
import type { Texts } from './texts.ts';

export const STAGES = ['idea', 'validation', 'business_plan', 'statute', 'founding_deed', 'registration', 'follow_up'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_NAMES: Readonly<Record<Stage, Texts>> = {
  idea: { it: 'Idea', en: 'Idea' },
  validation: { it: 'Validazione', en: 'Validation' },
  business_plan: { it: 'Piano d’impresa', en: 'Business plan' },
  statute: { it: 'Statuto', en: 'Statute' },
  founding_deed: { it: 'Atto costitutivo', en: 'Founding deed' },
  registration: { it: 'Iscrizione', en: 'Registration' },
  follow_up: { it: 'Accompagnamento (36 mesi)', en: 'Follow-up (36 months)' },
};

export const CHECKLISTS: Readonly<Record<Stage, readonly { item: string; text: Texts }[]>> = {
  idea: [
    { item: 'team', text: { it: 'Il gruppo dei fondatori è formato', en: 'The founding team is formed' } },
    { item: 'idea', text: { it: 'L’idea è descritta: bisogno, soci, attività', en: 'The idea is described: need, members, activity' } },
    { item: 'assessment', text: { it: 'L’autovalutazione è fatta e la forma scelta', en: 'The self-assessment is done and the form chosen' } },
  ],
  validation: [
    { item: 'market', text: { it: 'Mercato e concorrenti analizzati', en: 'Market and competitors analysed' } },
    { item: 'interviews', text: { it: 'Clienti o utenti potenziali ascoltati', en: 'Potential customers or users interviewed' } },
  ],
  business_plan: [
    { item: 'plan', text: { it: 'Piano d’impresa a tre anni scritto', en: 'Three-year business plan written' } },
    { item: 'financing', text: { it: 'Piano finanziario: capitale dei soci, prestiti, contributi', en: 'Financing plan: members’ capital, loans, grants' } },
  ],
  statute: [
    { item: 'statute', text: { it: 'Statuto con le clausole mutualistiche (art. 2514 c.c.)', en: 'Statute with the mutuality clauses (art. 2514 Civil Code)' } },
    { item: 'governance', text: { it: 'Regole di governo scelte: deleghe, quorum, voti delle persone giuridiche', en: 'Governance rules chosen: proxies, quorums, legal-person votes' } },
  ],
  founding_deed: [
    { item: 'notary', text: { it: 'Atto costitutivo firmato davanti al notaio (art. 2521 c.c.)', en: 'Founding deed signed before a notary (art. 2521 Civil Code)' } },
    { item: 'shares', text: { it: 'Quote sottoscritte da ogni fondatore (almeno 25 €, art. 2525 c.c.)', en: 'Shares subscribed by every founder (at least €25, art. 2525 Civil Code)' } },
  ],
  registration: [
    { item: 'companies-register', text: { it: 'Iscrizione al Registro delle imprese', en: 'Registered with the Companies Register' } },
    { item: 'albo', text: { it: 'Iscrizione all’Albo delle società cooperative', en: 'Registered in the Albo of co-operatives' } },
  ],
  follow_up: [
    { item: 'year-1', text: { it: 'Verifica del primo anno: lavoro, fatturato, soci', en: 'First-year check-in: jobs, turnover, members' } },
    { item: 'year-2', text: { it: 'Verifica del secondo anno', en: 'Second-year check-in' } },
    { item: 'year-3', text: { it: 'Verifica del terzo anno', en: 'Third-year check-in' } },
  ],
};

export const isStage = (s: string): s is Stage => (STAGES as readonly string[]).includes(s);
export const isChecklistItem = (stage: Stage, item: string): boolean => CHECKLISTS[stage].some((c) => c.item === item);

/** From this stage on the group must be eligible to found the co-op (art. 2522 and the kind's rules). */
export const ELIGIBILITY_FROM: Stage = 'founding_deed';

export type MoveRefusal = 'not-next' | 'checklist-open' | 'not-eligible';

/** Whether a project at `current` may move to `target`, given the items done in the current stage and eligibility. */
export function canMove(current: Stage, target: Stage, doneInCurrent: ReadonlySet<string>, eligible: boolean): MoveRefusal | null {
  const i = STAGES.indexOf(current);
  if (STAGES.indexOf(target) !== i + 1) return 'not-next';
  if (CHECKLISTS[current].some((c) => !doneInCurrent.has(c.item))) return 'checklist-open';
  if (STAGES.indexOf(target) >= STAGES.indexOf(ELIGIBILITY_FROM) && !eligible) return 'not-eligible';
  return null;
}
