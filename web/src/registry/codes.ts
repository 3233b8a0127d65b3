// Codes of the registry's reference lists (labels live in the i18n catalogues under the same names).
export const MEMBER_TYPES = ['lavoratore', 'utente', 'conferente', 'sovventore', 'finanziatore', 'volontario'] as const;
export const COOP_STATUSES = ['active', 'liquidation', 'struck_off'] as const;
export const ALBO_CATEGORIES = [
  'produzione_e_lavoro',
  'lavoro_agricolo',
  'sociali',
  'conferimento_prodotti_agricoli',
  'edilizie_di_abitazione',
  'pesca',
  'consumo',
  'dettaglianti',
  'trasporto',
  'consorzi_cooperativi',
  'consorzi_agrari',
  'banche_credito_cooperativo',
  'garanzia_fidi',
  'altre',
] as const;
export const ORG_KINDS = ['alliance', 'national', 'regional', 'territorial', 'sectoral', 'cooperative'] as const;
export const GENDERS = ['F', 'M', 'X', 'unknown'] as const;
