// Incubator strings (field messages of the self-assessment), Italian first.
import { registerMessages } from '../../core/i18n.ts';

registerMessages({
  it: {
    'incubator.members-repeated': 'Tipo di socio ripetuto',
    'incubator.legal-persons-above-founders': 'I fondatori persone giuridiche non possono essere più dei fondatori',
    'incubator.planned-workers-required': 'Per contare i lavoratori svantaggiati indica anche i lavoratori previsti',
    'incubator.disadvantaged-above-workers': 'I lavoratori svantaggiati non possono essere più dei lavoratori previsti',
    'incubator.sdg-repeated': 'Obiettivo ripetuto',
    'incubator.territorial-required': 'Indica un’associazione territoriale',
    'incubator.project-not-found': 'Progetto non trovato',
    'incubator.account-unknown': 'Nessun account con questa email: chi si unisce deve prima registrarsi',
    'incubator.already-founder': 'È già nel gruppo dei fondatori',
    'incubator.checklist-item-not-found': 'Voce della lista non trovata',
    'incubator.stage-not-reached': 'Il progetto non è ancora a questa fase',
    'incubator.stage-not-next': 'Si passa solo alla fase successiva',
    'incubator.checklist-open': 'Completa prima la lista della fase attuale',
    'incubator.not-eligible': 'Per l’atto costitutivo il gruppo deve avere i requisiti (numero di fondatori, art. 2522 c.c., e le regole del tipo scelto)',
  },
  en: {
    'incubator.members-repeated': 'Member kind repeated',
    'incubator.legal-persons-above-founders': 'Legal-person founders cannot outnumber the founders',
    'incubator.planned-workers-required': 'To count disadvantaged workers give the planned workers too',
    'incubator.disadvantaged-above-workers': 'Disadvantaged workers cannot outnumber the planned workers',
    'incubator.sdg-repeated': 'Goal repeated',
    'incubator.territorial-required': 'Give a territorial association',
    'incubator.project-not-found': 'Project not found',
    'incubator.account-unknown': 'No account with this e-mail: whoever joins must sign up first',
    'incubator.already-founder': 'Already in the founding team',
    'incubator.checklist-item-not-found': 'Checklist item not found',
    'incubator.stage-not-reached': 'The project has not reached this stage yet',
    'incubator.stage-not-next': 'A project moves only to the next stage',
    'incubator.checklist-open': 'Complete the current stage’s checklist first',
    'incubator.not-eligible': 'For the founding deed the group must meet the requirements (number of founders, art. 2522 Civil Code, and the chosen kind’s rules)',
  },
});
