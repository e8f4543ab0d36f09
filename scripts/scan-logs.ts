// The personal-data scan of a test run: no raw ID number or mobile number may appear in any service's log, however
// written (the typical-case detector: other digits, Chinese numerals, any separators, invisible characters).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findPersonalNumbers } from '@yuanlian/identity';

const roots = process.argv.slice(2);
const files: string[] = [];
const walk = (dir: string) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.log')) files.push(path);
  }
};
for (const root of roots) walk(root);
let lines = 0;
const found: string[] = [];
const started = performance.now();
for (const file of files) {
  for (const [i, line] of readFileSync(file, 'utf8').split('\n').entries()) {
    lines++;
    const { idNumbers, phones } = findPersonalNumbers(line);
    if (idNumbers.length || phones.length) found.push(`${file}:${i + 1}: ${[...idNumbers, ...phones].map((v) => v.slice(0, 4) + '…').join(', ')}`);
  }
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(`personal-data scan: ${files.length} log files, ${lines} lines in ${seconds} s, ${found.length} with an ID or phone number\n`);
for (const f of found.slice(0, 20)) process.stdout.write(`  ${f}\n`);
process.exit(found.length || !files.length ? 1 : 0);
