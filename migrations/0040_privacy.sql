-- Privacy, part 1: versioned legal documents (privacy notice, terms), consent purposes and each account's consents
-- with their history (one row per giving, closed by its withdrawal). The platform's first privacy notice is seeded
-- here in Italian and English; administrators publish later versions through the API.

CREATE TABLE privacy_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('privacy_notice', 'terms')),
  version integer NOT NULL CHECK (version >= 1),
  title_it text NOT NULL CHECK (length(title_it) BETWEEN 1 AND 200),
  title_en text NOT NULL CHECK (length(title_en) BETWEEN 1 AND 200),
  body_it text NOT NULL CHECK (length(body_it) BETWEEN 1 AND 100000),
  body_en text NOT NULL CHECK (length(body_en) BETWEEN 1 AND 100000),
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  UNIQUE (kind, version)
);

-- What a consent is asked for: one purpose each, never bundled.
CREATE TABLE consent_purposes (
  purpose text PRIMARY KEY CHECK (purpose ~ '^[a-z][a-z0-9-]{0,39}$'),
  position integer NOT NULL,
  label_it text NOT NULL,
  label_en text NOT NULL,
  description_it text NOT NULL,
  description_en text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per giving of a consent; withdrawing closes it. At most one open row per account and purpose.
CREATE TABLE consents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  purpose text NOT NULL REFERENCES consent_purposes (purpose),
  given_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz CHECK (withdrawn_at IS NULL OR withdrawn_at >= given_at),
  -- the privacy notice in force when the consent was given
  notice_id uuid REFERENCES privacy_documents (id)
);
CREATE UNIQUE INDEX consents_open_idx ON consents (account_id, purpose) WHERE withdrawn_at IS NULL;
CREATE INDEX consents_account_idx ON consents (account_id, purpose, given_at DESC);

INSERT INTO consent_purposes (purpose, position, label_it, label_en, description_it, description_en) VALUES
  ('newsletter', 1, 'Notizie per e-mail', 'News by e-mail',
   'Ricevere per e-mail le notizie della piattaforma e della tua associazione (non gli avvisi di convocazione e di sicurezza, che arrivano comunque).',
   'Receive the platform''s and your association''s news by e-mail (not convocation or security notices, which you always get).'),
  ('network-profile', 2, 'Profilo visibile nella rete', 'Profile visible in the network',
   'Mostrare il tuo nome, la provincia e le cooperative di cui sei socio alle altre cooperative della rete, per offerte, richieste e progetti comuni.',
   'Show your name, province and the co-ops you belong to to the other co-ops of the network, for offers, requests and joint projects.'),
  ('research-statistics', 3, 'Statistiche per la ricerca', 'Statistics for research',
   'Usare i tuoi dati, resi anonimi e aggregati, in statistiche per università e centri di ricerca partner.',
   'Use your data, anonymised and aggregated, in statistics for partner universities and research centres.');

INSERT INTO privacy_documents (kind, version, title_it, title_en, body_it, body_en) VALUES
  ('privacy_notice', 1, 'Informativa sul trattamento dei dati personali', 'Privacy notice',
   E'Titolare del trattamento è la cooperativa o l''associazione che gestisce questa istanza di Cooperando.\n\n'
   'Trattiamo i dati del libro soci (nome, codice fiscale, data di nascita, contatti, iscrizioni, quote) per obbligo di legge (art. 2421 c.c.) e per il contratto sociale; '
   'i dati dell''account (e-mail, accessi, sessioni, passkey) per farti accedere in sicurezza; la partecipazione alle assemblee e gli scambi mutualistici per il rapporto sociale.\n\n'
   'Altri usi (notizie per e-mail, profilo visibile nella rete, statistiche per la ricerca) avvengono solo con il tuo consenso, dato e revocato separatamente per ciascuno in "I miei dati".\n\n'
   'Hai diritto di accesso, copia, rettifica, portabilità, cancellazione (nei limiti degli obblighi di legge), limitazione e opposizione (artt. 15-22 GDPR) e di reclamo al Garante per la protezione dei dati personali. '
   'In "I miei dati" scarichi gratuitamente una copia completa dei tuoi dati e vedi chi li ha consultati o modificati.',
   E'The controller is the co-operative or association running this Cooperando instance.\n\n'
   'We process the members'' register data (name, tax code, date of birth, contact details, memberships, shares) as required by law (art. 2421 Italian Civil Code) and for the membership contract; '
   'your account data (e-mail, sign-ins, sessions, passkeys) to let you sign in securely; your participation in assemblies and your mutual exchanges for the membership relation.\n\n'
   'Other uses (news by e-mail, profile visible in the network, research statistics) happen only with your consent, given and withdrawn separately for each in "My data".\n\n'
   'You have the rights of access, copy, rectification, portability, erasure (within legal obligations), restriction and objection (GDPR arts. 15-22) and may complain to the Italian data protection authority (Garante). '
   'In "My data" you download a complete copy of your data free of charge and see who looked at or changed it.');
