// Public face of the registry's pure domain code (no I/O): tax codes, Italian number/date formats, reference
// data and roll-up arithmetic. Other code imports from here, not from the files beside it.

export {
  MONTH_LETTERS,
  OMOCODE_LETTERS,
  OMOCODE_POSITIONS,
  applyOmocodeMask,
  computeCompanyCheckDigit,
  computePersonCheckChar,
  computePersonFiscalCode,
  daysInMonth,
  familyNamePart,
  generateCompanyFiscalCode,
  givenNamePart,
  isIsoDate,
  normalizeOmocode,
  toOmocode,
  validateCompanyFiscalCode,
  validateFiscalCode,
  validatePersonFiscalCode,
} from './fiscal-code.ts';
export type {
  CompanyFiscalCodeInfo,
  CompanyFiscalCodeResult,
  FiscalCodeError,
  FiscalCodeFailure,
  FiscalCodeResult,
  FiscalGender,
  PersonFiscalCodeInfo,
  PersonFiscalCodeInput,
  PersonFiscalCodeResult,
} from './fiscal-code.ts';

export {
  formatEuro,
  formatItalianDate,
  formatItalianNumber,
  parseEuroToCents,
  parseInteger,
  parseItalianDate,
  parseItalianNumber,
} from './italian-format.ts';
export type { ItalianNumberFormatOptions } from './italian-format.ts';

export {
  ALBO_CATEGORIES,
  ALBO_SECTIONS,
  CODE_LISTS,
  COMUNI,
  COOPERATIVE_STATUSES,
  EXIT_KINDS,
  FINANCING_MEMBER_TYPES,
  GENDERS,
  LEGAL_MODELS,
  MEMBER_TYPES,
  PROVINCES,
  REGIONAL_CAPITALS,
  REGIONS,
  SOCIAL_COOP_TYPES,
  comuneByBelfiore,
  isCodeOf,
  isLegalMemberType,
  label,
  provinceByCode,
  validateAlboNumber,
  validateAtecoCode,
  validatePec,
} from './cooperative-data.ts';
export type {
  AlboCategory,
  AlboSection,
  CodeEntry,
  Comune,
  CooperativeStatus,
  ExitKind,
  FormatCheck,
  Gender,
  LabelledCode,
  LegalModel,
  Locale,
  MemberType,
  Province,
  ProvinceCode,
  RegionName,
  SocialCoopType,
} from './cooperative-data.ts';

export {
  COOPERATIVE_KIND,
  RollupError,
  SECTORAL_KIND,
  createRollup,
  sumFiguresOf,
  validateForest,
} from './rollup.ts';
export type {
  FigureTotals,
  Figures,
  FiguresByCooperative,
  OrgNode,
  Rollup,
  RollupProblem,
  SectoralAffiliation,
} from './rollup.ts';
