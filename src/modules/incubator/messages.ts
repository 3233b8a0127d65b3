// Incubator strings (field messages of the self-assessment), Italian first.
import { registerMessages } from '../../core/i18n.ts';

registerMessages({
  it: {
    'incubator.members-repeated': 'Tipo di socio ripetuto',
    'incubator.legal-persons-above-founders': 'I fondatori persone giuridiche non possono essere più dei fondatori',
    'incubator.planned-workers-required': 'Per contare i lavoratori svantaggiati indica anche i lavoratori previsti',
    'incubator.disadvantaged-above-workers': 'I lavoratori svantaggiati non possono essere più dei lavoratori previsti',
  },
  en: {
    'incubator.members-repeated': 'Member kind repeated',
    'incubator.legal-persons-above-founders': 'Legal-person founders cannot outnumber the founders',
    'incubator.planned-workers-required': 'To count disadvantaged workers give the planned workers too',
    'incubator.disadvantaged-above-workers': 'Disadvantaged workers cannot outnumber the planned workers',
  },
});
