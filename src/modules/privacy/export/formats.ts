// The export's other formats, pure functions: CSV (UTF-8 with BOM, ";" and CRLF, as the registry's exports, so
// Excel in Italy opens it as it is), vCard 4.0 (RFC 6350) for the profile, iCalendar (RFC 5545) for assemblies.

export type Row = Record<string, unknown>;

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[";\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV file: a header of column names, then one line per row; JSON values (objects, arrays) as JSON text. */
export function toCsv(columns: string[], rows: Row[]): string {
  const lines = [columns.map(csvCell).join(';')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(r[c])).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Escapes a TEXT value for vCard and iCalendar (backslash, comma, semicolon, newline). */
export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 §3.1, RFC 6350 §3.2) without splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (bytes + n > limit) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

const contentLines = (lines: (string | null)[]): string => `${lines.filter((l): l is string => l !== null).map(foldLine).join('\r\n')}\r\n`;

/** 2026-05-17T18:00:00.000Z → 20260517T180000Z */
export function icalUtc(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export interface VCardInput {
  personId: string | null;
  kind: string | null;
  givenName: string | null;
  familyName: string | null;
  legalName: string | null;
  displayName: string;
  birthDate: string | null;
  gender: string | null;
  emails: string[];
  phone: string | null;
  comune: string | null;
  province: string | null;
  codiceFiscale: string | null;
  updatedAt: string | null;
  cooperatives: string[];
}

/** The profile as a vCard 4.0: name, birth date, gender, e-mail, phone, address, the co-ops as ORG. */
export function toVCard(p: VCardInput): string {
  const legal = p.kind === 'legal';
  const fn = legal ? (p.legalName ?? p.displayName) : [p.givenName, p.familyName].filter(Boolean).join(' ') || p.displayName;
  const gender = p.gender === 'M' || p.gender === 'F' ? p.gender : p.gender ? 'O' : null;
  return contentLines([
    'BEGIN:VCARD',
    'VERSION:4.0',
    'PRODID:-//Cooperando//Personal data export//IT',
    p.personId ? `UID:urn:uuid:${p.personId}` : null,
    `KIND:${legal ? 'org' : 'individual'}`,
    `FN:${escapeText(fn)}`,
    legal ? null : `N:${escapeText(p.familyName ?? '')};${escapeText(p.givenName ?? '')};;;`,
    legal && p.legalName ? `ORG:${escapeText(p.legalName)}` : null,
    p.birthDate ? `BDAY:${p.birthDate.replace(/-/g, '')}` : null,
    gender && !legal ? `GENDER:${gender}` : null,
    ...[...new Set(p.emails.map((e) => e.toLowerCase()))].map((e, i) => `EMAIL${i === 0 ? ';PREF=1' : ''}:${escapeText(e)}`),
    p.phone ? `TEL;VALUE=uri:tel:${p.phone.replace(/[^\d+]/g, '')}` : null,
    p.comune || p.province ? `ADR:;;;${escapeText(p.comune ?? '')};${escapeText(p.province ?? '')};;IT` : null,
    p.codiceFiscale ? `X-IT-CODICE-FISCALE:${escapeText(p.codiceFiscale)}` : null,
    ...p.cooperatives.map((name) => `RELATED;TYPE=x-member-of;VALUE=text:${escapeText(name)}`),
    p.updatedAt ? `REV:${icalUtc(p.updatedAt)}` : null,
    'END:VCARD',
  ]);
}

export interface CalendarAssembly {
  id: string;
  title: string;
  description: string | null;
  cooperativeName: string | null;
  kind: string;
  mode: string;
  place: string | null;
  onlineUrl: string | null;
  firstCallAt: string | null;
  secondCallAt: string | null;
  status: string;
  updatedAt: string | null;
}

export interface CalendarLabels {
  secondCall: string;
  kind: Record<string, string>;
  mode: Record<string, string>;
}

/** The assemblies as an iCalendar: one event per assembly at its first call, the second call in the description. */
export function toICalendar(assemblies: CalendarAssembly[], opts: { host: string; generatedAt: string; labels: CalendarLabels }): string {
  const lines: (string | null)[] = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Cooperando//Personal data export//IT', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  for (const a of assemblies) {
    if (!a.firstCallAt) continue;
    const parts = [
      a.cooperativeName,
      `${opts.labels.kind[a.kind] ?? a.kind} · ${opts.labels.mode[a.mode] ?? a.mode}`,
      a.secondCallAt ? `${opts.labels.secondCall}: ${a.secondCallAt}` : null,
      a.description,
    ].filter((x): x is string => Boolean(x));
    lines.push(
      'BEGIN:VEVENT',
      `UID:assembly-${a.id}@${opts.host}`,
      `DTSTAMP:${icalUtc(opts.generatedAt)}`,
      `DTSTART:${icalUtc(a.firstCallAt)}`,
      `SUMMARY:${escapeText(a.title)}`,
      `DESCRIPTION:${escapeText(parts.join('\n'))}`,
      a.place ? `LOCATION:${escapeText(a.place)}` : null,
      a.onlineUrl && /^https?:\/\//.test(a.onlineUrl) ? `URL:${a.onlineUrl}` : null,
      `STATUS:${a.status === 'cancelled' ? 'CANCELLED' : a.status === 'draft' ? 'TENTATIVE' : 'CONFIRMED'}`,
      a.updatedAt ? `LAST-MODIFIED:${icalUtc(a.updatedAt)}` : null,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return contentLines(lines);
}
