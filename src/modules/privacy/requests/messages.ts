// Strings of the requests tracker and erasure (problem details, field messages), Italian first.
import { registerMessages } from '../../../core/i18n.ts';

registerMessages({
  it: {
    'privacy.request.not-found': 'Richiesta non trovata',
    'privacy.request.closed': 'La richiesta è già chiusa',
    'privacy.request.already-extended': 'La scadenza è già stata prorogata (una sola proroga, GDPR art. 12(3))',
    'privacy.request.extension-late': 'La proroga va comunicata entro il primo mese (GDPR art. 12(3))',
    'privacy.request.extension-months': 'La proroga è di uno o due mesi',
    'privacy.request.message-required': 'Scrivi che cosa va rettificato',
    'privacy.request.not-your-coop': 'Non sei socio di questa cooperativa',
    'privacy.request.not-officer': 'Non gestisci le richieste di questa cooperativa',
    'privacy.erasure.confirm-mismatch': 'Per confermare scrivi l’e-mail con cui accedi',
    'privacy.erasure.already-requested': 'Hai già una richiesta di cancellazione aperta',
    'privacy.erasure.execute-instead': 'Una richiesta di cancellazione si evade eseguendola',
    'privacy.erasure.not-erasure': 'Non è una richiesta di cancellazione',
    'privacy.erasure.no-account': 'L’account della richiesta non esiste più',
  },
  en: {
    'privacy.request.not-found': 'Request not found',
    'privacy.request.closed': 'The request is already closed',
    'privacy.request.already-extended': 'The deadline was already extended (one extension, GDPR art. 12(3))',
    'privacy.request.extension-late': 'An extension must be notified within the first month (GDPR art. 12(3))',
    'privacy.request.extension-months': 'An extension is of one or two months',
    'privacy.request.message-required': 'Say what should be rectified',
    'privacy.request.not-your-coop': 'You are not a member of this co-op',
    'privacy.request.not-officer': 'You do not handle this co-op’s requests',
    'privacy.erasure.confirm-mismatch': 'To confirm, type the e-mail you sign in with',
    'privacy.erasure.already-requested': 'You already have an open erasure request',
    'privacy.erasure.execute-instead': 'An erasure request is answered by executing it',
    'privacy.erasure.not-erasure': 'Not an erasure request',
    'privacy.erasure.no-account': 'The request’s account no longer exists',
  },
});
