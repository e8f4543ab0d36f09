// After a failed test run: the services' warnings, errors and consumer group events of each failed suite, so a CI
// log that shows only the end of the output still says what the services saw (their full logs stay on that machine).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const [resultsFile = '.run/jest-results.json', logRoot = '.run/test-logs'] = process.argv.slice(2);
const PER_FILE = 12;
const TOTAL = 400;

const results: { testResults: { name: string; status: string }[] } = JSON.parse(readFileSync(resultsFile, 'utf8'));
const failed = new Set(results.testResults.filter((r) => r.status === 'failed').map((r) => r.name));
const interesting = (line: string) => /"level":"(warn|error|fatal)"/.test(line) || /consumer \S+ (joined|rebalancing|crashed)/.test(line);

const out: string[] = [];
for (const dir of existsSync(logRoot) ? readdirSync(logRoot) : []) {
  const suiteFile = join(logRoot, dir, 'suite.txt');
  if (!existsSync(suiteFile) || !failed.has(readFileSync(suiteFile, 'utf8').trim())) continue;
  out.push(`-- ${relative(process.cwd(), readFileSync(suiteFile, 'utf8').trim())} (services' logs in ${join(logRoot, dir)})`);
  for (const log of readdirSync(join(logRoot, dir)).filter((f) => f.endsWith('.log')).sort()) {
    const lines = readFileSync(join(logRoot, dir, log), 'utf8').split('\n').filter(interesting);
    if (!lines.length) continue;
    out.push(`   ${log}: ${lines.length} line(s) of warnings, errors and group events${lines.length > PER_FILE ? `, the last ${PER_FILE}` : ''}`);
    for (const line of lines.slice(-PER_FILE)) out.push(`     ${line.length > 400 ? line.slice(0, 400) + '…' : line}`);
  }
}
if (!out.length) out.push('(no service logs of the failed suites)');
process.stdout.write(out.slice(0, TOTAL).join('\n') + (out.length > TOTAL ? `\n… ${out.length - TOTAL} more line(s)` : '') + '\n');
