// The personal-data scan of a test run: no raw ID number or phone number may appear in any service's log.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findPersonalData } from '@yuanlian/identity';

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
for (const file of files) {
  for (const [i, line] of readFileSync(file, 'utf8').split('\n').entries()) {
    lines++;
    const { idNumbers, phones } = findPersonalData(line);
    if (idNumbers.length || phones.length) found.push(`${file}:${i + 1}: ${[...idNumbers, ...phones].map((v) => v.slice(0, 4) + '…').join(', ')}`);
  }
}
process.stdout.write(`personal-data scan: ${files.length} log files, ${lines} lines, ${found.length} with an ID or phone number\n`);
for (const f of found.slice(0, 20)) process.stdout.write(`  ${f}\n`);
process.exit(found.length || !files.length ? 1 : 0);
