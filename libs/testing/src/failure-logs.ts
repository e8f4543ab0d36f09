// After a failed test run: the services' warnings, errors and consumer group events of each failed suite, so a CI
// log that shows only the end of the output still says what the services saw (their full logs stay on that machine).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The file in a suite's log directory that names the suite (written by the test platform). */
export const SUITE_MARKER = 'suite.txt';

const PER_FILE = 12;
const interesting = (line: string) => /"level":"(warn|error|fatal)"/.test(line) || /consumer \S+ (joined|rebalancing|crashed)/.test(line);

/**
 * The lines to print for the failed suites of a jest results file (`--json`): per suite, per service log, its last
 * warnings, errors and group events, each cut at 400 characters.
 */
export function failedSuiteLogs(results: { testResults: { name: string; status: string }[] }, logRoot: string): string[] {
  const failed = new Set(results.testResults.filter((r) => r.status === 'failed').map((r) => r.name));
  const out: string[] = [];
  for (const dir of existsSync(logRoot) ? readdirSync(logRoot).sort() : []) {
    const marker = join(logRoot, dir, SUITE_MARKER);
    const suite = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : '';
    if (!failed.has(suite)) continue;
    out.push(`-- ${relative(process.cwd(), suite)} (services' logs in ${join(logRoot, dir)})`);
    for (const log of readdirSync(join(logRoot, dir)).filter((f) => f.endsWith('.log')).sort()) {
      const lines = readFileSync(join(logRoot, dir, log), 'utf8').split('\n').filter(interesting);
      if (!lines.length) continue;
      out.push(`   ${log}: ${lines.length} line(s) of warnings, errors and group events${lines.length > PER_FILE ? `, the last ${PER_FILE}` : ''}`);
      for (const line of lines.slice(-PER_FILE)) out.push(`     ${line.length > 400 ? line.slice(0, 400) + '…' : line}`);
    }
  }
  return out;
}
