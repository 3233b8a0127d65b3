// Translated labels of registry codes; unknown codes fall back to the code itself (the API may add new ones).
import type { TFunction } from 'i18next';

const label = (t: TFunction, prefix: string, code: string | null | undefined): string =>
  code ? t(`${prefix}.${code}`, { defaultValue: code.replace(/_/g, ' ') }) : '';

export const memberTypeLabel = (t: TFunction, code: string): string => label(t, 'memberType', code);
export const memberTypesLabel = (t: TFunction, codes: string[]): string => codes.map((c) => memberTypeLabel(t, c)).join(', ');
export const exitKindLabel = (t: TFunction, code: string | null | undefined): string => label(t, 'exitKind', code);
export const coopStatusLabel = (t: TFunction, code: string | null | undefined): string => label(t, 'coopStatus', code);
export const orgKindLabel = (t: TFunction, code: string | null | undefined): string => label(t, 'orgKind', code);
export const roleLabel = (t: TFunction, code: string | null | undefined): string => label(t, 'role', code);
export const alboSectionLabel = (t: TFunction, code: string | null | undefined): string => label(t, 'alboSection', code);
export const alboCategoryLabel = (t: TFunction, code: string | null | undefined): string => label(t, 'alboCategory', code);
export const legalModelLabel = (t: TFunction, code: string | null | undefined): string => label(t, 'legalModel', code);
export const genderLabel = (t: TFunction, code: string | null | undefined): string => label(t, 'gender', code ?? 'unknown');
