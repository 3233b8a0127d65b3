// Labels of credential claims and their values (member types and Albo categories come from the registry's labels).
import type { TFunction } from 'i18next';
import { alboCategoryLabel, memberTypesLabel } from '../../core/labels.ts';
import { formatDate } from '../../core/format.ts';
import type { Language } from '../../core/i18n.ts';

export function claimLabel(t: TFunction, name: string): string {
  return t(`identity.claim.${name}`, { defaultValue: name });
}

export function claimValue(t: TFunction, lang: Language, name: string, value: unknown): string {
  if (name === 'member_type' && Array.isArray(value)) return memberTypesLabel(t, value.map(String));
  if (name === 'sector' && typeof value === 'string') return alboCategoryLabel(t, value);
  if (name === 'member_since' && typeof value === 'string') return formatDate(value, lang);
  if (Array.isArray(value)) return value.join(', ');
  return value === null || value === undefined ? '' : String(value);
}
