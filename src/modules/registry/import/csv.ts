// CSV reader: encoding detected by a streaming scan, delimiter from the header line, then csv-parse as a stream
// (quoted fields with newlines, CRLF/LF/CR, blank lines skipped). Rows keep the number a spreadsheet would show:
// a quoted multi-line field is still one row, an empty line is a row of its own.
import { Readable } from 'node:stream';
import { parse, type CsvError, type Info } from 'csv-parse';
import { detectEncoding, decodedChunks } from './encoding.ts';
import { detectDelimiter, firstLine } from './delimiter.ts';
import { ImportFileError, isBlankRow, type MalformedRow, type RecordSource, type SourceRow } from './source.ts';

/** One row longer than this (characters) is refused; it also bounds memory when a quote is never closed. */
const MAX_RECORD_CHARS = 256 * 1024;
const MAX_HEADER_PROBE = 1024 * 1024;

export async function openCsv(path: string, totalBytes: number): Promise<RecordSource> {
  const encoding = await detectEncoding(path);
  let bytes = 0;
  const chunks = decodedChunks(path, encoding, (n) => (bytes += n));
  // Read just enough text to see the header line.
  let prefix = '';
  let line: string | null = null;
  for (;;) {
    line = firstLine(prefix.replace(/^[\r\n]+/, ''));
    if (line !== null || prefix.length > MAX_HEADER_PROBE) break;
    const next = await chunks.next();
    if (next.done) break;
    prefix += next.value;
  }
  const headerText = line ?? prefix.replace(/^[\r\n]+/, '');
  if (headerText.trim() === '') {
    await chunks.return(undefined);
    throw new ImportFileError('import.file.empty');
  }
  const delimiter = detectDelimiter(headerText);

  const malformed: MalformedRow[] = [];
  const parser = parse({
    delimiter,
    info: true,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_CHARS,
    on_skip: (err: CsvError | undefined) => {
      const info = parser.info;
      const fatal = err?.code === 'CSV_MAX_RECORD_SIZE' || err?.code === 'CSV_QUOTE_NOT_CLOSED';
      malformed.push({
        row: info.records + info.empty_lines + 1,
        malformed: err?.code === 'CSV_MAX_RECORD_SIZE' ? 'import.row.too-long' : err?.code === 'CSV_QUOTE_NOT_CLOSED' ? 'import.row.unclosed-quote' : 'import.row.malformed',
        fatal,
      });
      return undefined;
    },
  });
  async function* text(): AsyncGenerator<string> {
    if (prefix) yield prefix;
    yield* chunks;
  }
  const input = Readable.from(text(), { objectMode: false });
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);

  const iterator = (parser as AsyncIterable<{ record: string[]; info: Info }>)[Symbol.asyncIterator]();
  // The header is the first non-blank record.
  let header: string[] | null = null;
  let headerRow = 1;
  for (;;) {
    const r = await iterator.next();
    if (r.done) break;
    if (isBlankRow(r.value.record)) continue;
    header = r.value.record;
    headerRow = r.value.info.records + r.value.info.empty_lines;
    break;
  }
  if (!header) {
    input.destroy();
    throw new ImportFileError('import.file.empty');
  }

  async function* rows(): AsyncGenerator<SourceRow | MalformedRow> {
    try {
      for (;;) {
        const r = await iterator.next();
        if (r.done) break;
        const row = r.value.info.records + r.value.info.empty_lines;
        while (malformed.length && (malformed[0] as MalformedRow).row < row) yield malformed.shift() as MalformedRow;
        yield { row, cells: r.value.record };
      }
      while (malformed.length) yield malformed.shift() as MalformedRow;
    } finally {
      input.destroy();
      parser.destroy();
    }
  }

  return {
    format: 'csv',
    encoding,
    delimiter,
    header,
    headerRow,
    rows: rows(),
    bytesRead: () => bytes,
    totalBytes,
    async close() {
      input.destroy();
      parser.destroy();
    },
  };
}
