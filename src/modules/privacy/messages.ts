// Privacy strings (problem details, field messages), Italian first.
import { registerMessages } from '../../core/i18n.ts';

registerMessages({
  it: {
    'privacy.purpose-not-found': 'Finalità di consenso sconosciuta',
    'privacy.document-not-found': 'Nessun documento pubblicato di questo tipo',
    'privacy.schema-not-found': 'Schema sconosciuto',
  },
  en: {
    'privacy.purpose-not-found': 'Unknown consent purpose',
    'privacy.document-not-found': 'No document of this kind has been published',
    'privacy.schema-not-found': 'Unknown schema',
  },
});
