// `cooperando count FILE`: recounts a vote from an exported ballot file (GET /api/v1/ballots/:id/export, JSON
// "cooperando-ballots/1") or a BLT file of published election data, with the platform's own counting code, and
// prints the result with the rule and the figures that decided it. Needs no database.
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { BALLOT_FILE_FORMAT, BallotFileError, parseBlt, tally, tallyInputFromFile, defaultSeed, type BallotFile, type TallyInput } from '../modules/governance/index.ts';
import { t, type Locale } from '../core/i18n.ts';

const METHODS = ['yes_no', 'plurality', 'approval', 'stv', 'schulze'] as const;
type Method = (typeof METHODS)[number];

interface CountOptions {
  method?: Method;
  seats?: number;
  json?: boolean;
  lang: Locale;
}

export function registerCountCommand(program: Command): void {
  program
    .command('count')
    .argument('<file>', 'ballot file: .json exported by the platform, or .blt')
    .description('recount a vote from an exported ballot file (or a BLT file) and print the result, stage by stage')
    .option('--method <method>', `counting method for a BLT file (${METHODS.join(', ')}; default stv)`, (v: string) => {
      if (!(METHODS as readonly string[]).includes(v)) throw new InvalidArgumentError(`one of ${METHODS.join(', ')}`);
      return v;
    })
    .option('--seats <n>', 'seats to fill (overrides the file)', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 100) throw new InvalidArgumentError('a whole number from 1 to 100');
      return n;
    })
    .option('--json', 'print the full result as JSON')
    .option('--lang <lang>', 'language of the explanation (it, en)', (v: string) => {
      if (v !== 'it' && v !== 'en') throw new InvalidArgumentError('it or en');
      return v;
    }, 'it')
    .action((file: string, opts: CountOptions) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        process.stderr.write(`cooperando count: cannot read ${file}: ${(e as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      let input: TallyInput;
      let names: string[];
      let title: string;
      let published: string | null = null;
      try {
        if (text.trimStart().startsWith('{')) {
          const f = JSON.parse(text) as BallotFile;
          if (f.format !== BALLOT_FILE_FORMAT) throw new BallotFileError(`unknown format ${String(f.format)}`);
          input = tallyInputFromFile(f);
          names = f.candidates.map((c) => c.name);
          title = f.title;
          published = f.seed;
        } else {
          ({ input, names, title } = parseBlt(text, opts.method ?? 'stv'));
        }
      } catch (e) {
        process.stderr.write(`cooperando count: ${file} is not a ballot file: ${(e as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      if (opts.seats) input = { ...input, seats: opts.seats };
      if (opts.method && published !== null) input = { ...input, method: opts.method };
      const r = tally(input);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ ...r, candidateNames: names }, null, 2)}\n`);
        return;
      }
      const out: string[] = [];
      out.push(`${title || file} — ${t(opts.lang, `governance.method.${r.method}`)}`);
      if (r.resolution) {
        out.push(`  yes ${r.resolution.yes}   no ${r.resolution.no}   abstain ${r.resolution.abstain}`);
      }
      if (r.election?.stv) {
        const s = r.election.stv;
        const w = Math.max(...names.map((n) => n.length), 9);
        out.push(`  valid ${s.valid}   quota ${s.quota}   seats ${r.seats}`);
        out.push(`  ${'stage'.padEnd(6)}${'action'.padEnd(28)}${names.map((n) => n.padStart(w + 2)).join('')}${'non-transf.'.padStart(14)}`);
        for (const st of s.stages) {
          const label = st.candidate === null ? st.action : `${st.action} ${names[st.candidate] ?? st.candidate}`;
          out.push(`  ${String(st.stage).padEnd(6)}${label.slice(0, 27).padEnd(28)}${st.totals.map((x) => x.padStart(w + 2)).join('')}${st.nonTransferable.padStart(14)}`);
        }
      } else if (r.election) {
        for (const c of [...r.election.candidates].sort((a, b) => a.rank - b.rank)) {
          out.push(`  ${String(c.rank).padStart(3)}. ${(names[c.position] ?? String(c.position)).padEnd(30)} ${c.votes.padStart(12)}${c.elected ? '  elected' : ''}`);
        }
      }
      if (r.election) out.push(`  elected: ${r.election.elected.map((c) => names[c] ?? c).join(', ')}`);
      for (const e of r.explanation) out.push(`  ${t(opts.lang, e.key, e.params)}`);
      if (published !== null) {
        const same = published === defaultSeed(input);
        out.push(`  seed ${r.seed.slice(0, 16)}… ${same ? '(the same as the platform’s count)' : '(DIFFERS from the seed in the file)'}`);
      }
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
