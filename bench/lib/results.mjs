import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCHMARKS_MD = fileURLToPath(new URL('../../docs/BENCHMARKS.md', import.meta.url));
const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

/**
 * Replaces the generated block of one benchmark in docs/BENCHMARKS.md: the text between
 * `<!-- bench:<id>:begin -->` and `<!-- bench:<id>:end -->`. Only that block is rewritten,
 * so the hand-written parts of the section (what it measures, how to read it, findings)
 * and other benchmarks' sections stay as they are. A missing block is an error rather
 * than a silent append: the section's prose has to be written once, by hand.
 *
 * @example
 * writeGeneratedBlock('kernel-http', '| contender | req/s |\n|---|---|\n| bare | 1 |');
 */
export function writeGeneratedBlock(id, markdown) {
  const begin = `<!-- bench:${id}:begin -->`;
  const end = `<!-- bench:${id}:end -->`;
  const text = existsSync(BENCHMARKS_MD) ? readFileSync(BENCHMARKS_MD, 'utf8') : '';
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < from) {
    throw new Error(`docs/BENCHMARKS.md has no "${begin}" … "${end}" block: add the section for "${id}" first.`);
  }
  writeFileSync(BENCHMARKS_MD, `${text.slice(0, from + begin.length)}\n${markdown.trim()}\n${text.slice(to)}`);
}

/** Keeps the raw numbers of a run in bench/results/<id>.json (ignored by git) for a closer look. */
export function saveRawResults(id, data) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(`${RESULTS_DIR}${id}.json`, `${JSON.stringify(data, null, 2)}\n`);
}
