// README.txt of the export: what each file is and what every column means, in Italian and English, and what the
// platform holds that is not in the copy, with the reason.
import type { ExcludedTable, ExportedTable } from '../catalogue.ts';

export function buildReadme(sections: { entry: ExportedTable; rows: number }[], excluded: ExcludedTable[], generatedAt: string, baseUrl: string): string {
  const out: string[] = [];
  const rule = '='.repeat(78);
  out.push(
    'COOPERANDO — COPIA DEI TUOI DATI / A COPY OF YOUR DATA',
    rule,
    `Generata il / Generated at: ${generatedAt}`,
    `Piattaforma / Platform: ${baseUrl}`,
    '',
    'ITALIANO',
    'Questo archivio contiene tutti i dati personali che la piattaforma tiene su di te e sul tuo account.',
    '- manifest.json: l’elenco dei file, con dimensione e impronta SHA-256, e delle tabelle non esportate con il motivo.',
    '- data/<sezione>.json: i dati di ogni sezione; schemas/<sezione>.schema.json ne è lo schema JSON (draft 2020-12).',
    '- csv/<sezione>.csv: gli stessi dati in CSV (UTF-8 con BOM, separatore ";"), una colonna per campo.',
    '- profile.vcf: la tua scheda anagrafica (vCard 4.0); assemblies.ics: le assemblee a cui sei convocato (iCalendar).',
    'Date e ore sono in formato ISO 8601 (UTC); gli importi sono in centesimi. Le colonne di ogni sezione sono spiegate qui sotto.',
    '',
    'ENGLISH',
    'This archive holds all the personal data the platform keeps about you and your account.',
    '- manifest.json: the list of files, with size and SHA-256, and of the tables not exported, with the reason.',
    '- data/<section>.json: each section’s data; schemas/<section>.schema.json is its JSON Schema (draft 2020-12).',
    '- csv/<section>.csv: the same data as CSV (UTF-8 with BOM, ";" separated), one column per field.',
    '- profile.vcf: your profile (vCard 4.0); assemblies.ics: the assemblies you are convened to (iCalendar).',
    'Dates and times are ISO 8601 (UTC); amounts are in cents. Each section’s columns are explained below.',
    '',
  );
  for (const { entry: e, rows } of sections) {
    out.push(rule, `${e.title.it} / ${e.title.en}`, `data/${e.section}.json · csv/${e.section}.csv · schemas/${e.section}.schema.json · ${rows} righe / rows`, `IT: ${e.description.it}`, `EN: ${e.description.en}`, '');
    for (const [name, r] of Object.entries(e.columns)) {
      if (r.export) out.push(`  ${name}`, `    IT: ${r.description.it}`, `    EN: ${r.description.en}`);
    }
    for (const [name, x] of Object.entries(e.extra ?? {})) out.push(`  ${name}`, `    IT: ${x.description.it}`, `    EN: ${x.description.en}`);
    const withheld = Object.entries(e.columns).filter(([, r]) => !r.export);
    if (withheld.length > 0) {
      out.push('', '  Presenti ma non esportati / Present but not exported:');
      for (const [name, r] of withheld) if (!r.export) out.push(`  ${name}`, `    IT: ${r.reason.it}`, `    EN: ${r.reason.en}`);
    }
    out.push('');
  }
  out.push(rule, 'TABELLE SENZA TUOI DATI O NON ESPORTATE / TABLES WITHOUT YOUR DATA OR NOT EXPORTED', '');
  for (const e of excluded) out.push(`  ${e.table} (${e.category})`, `    IT: ${e.reason.it}`, `    EN: ${e.reason.en}`);
  out.push('');
  return out.join('\r\n');
}
