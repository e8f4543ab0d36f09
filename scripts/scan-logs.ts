// The personal-data scan of service logs: no raw ID number or mobile number may appear in any log, however written.
// It reads with the anonymisation's own detector (findPersonalNumbers in libs/identity: text folded first — full-width
// and other digits, Chinese numerals, invisible characters — then digits across any separators, +86/0086 before a
// mobile, 18-digit ID numbers by their check character and first-generation 15-digit ones by area and birth date).
//
// Usage: scan-logs.ts [--since <epoch ms>] <dir>…
//   every *.log under the directories (with --since, those written to since then); a directory that does not exist
//   is named and skipped. Exit 1 on a finding (file:line and the number masked), or when no log was read at all.
// scripts/test.sh scans what its run wrote; scripts/with-stack.sh (the fault suite, the evaluation, the benchmark)
// what its command wrote.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findPersonalNumbers, maskIdNumber, maskPhone } from '@yuanlian/identity';

/** Where the project's processes log, under .run/: service logs of tests, fault suite and benchmark; the benchmark's naive pair; the evaluation. */
export const LOG_ROOTS = ['.run/test-logs', '.run/bench', '.run/ew-evaluate'];

/** The personal numbers of one line, masked (ID 3607**********39, phone 138****5678). */
export function findingsInLine(line: string): string[] {
  const { idNumbers, phones } = findPersonalNumbers(line);
  return [...idNumbers.map((v) => `ID ${maskIdNumber(v)}`), ...phones.map((v) => `phone ${maskPhone(v)}`)];
}

export interface LogScan {
  files: number;
  lines: number;
  /** `file:line: what` — numbers masked. */
  findings: string[];
  /** Directories asked for that do not exist. */
  missing: string[];
}

/** Every *.log under `roots` (written to at or after `since`, epoch ms, when given), line by line. */
export function scanLogs(roots: string[], options: { since?: number } = {}): LogScan {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (name.endsWith('.log') && (options.since === undefined || stat.mtimeMs >= options.since)) files.push(path);
    }
  };
  for (const root of roots) {
    if (existsSync(root)) walk(root);
    else missing.push(root);
  }
  let lines = 0;
  const findings: string[] = [];
  for (const file of files) {
    for (const [i, line] of readFileSync(file, 'utf8').split('\n').entries()) {
      lines++;
      const found = findingsInLine(line);
      if (found.length) findings.push(`${file}:${i + 1}: ${found.join(', ')}`);
    }
  }
  return { files: files.length, lines, findings, missing };
}

function main(args: string[]): number {
  let since: number | undefined;
  const roots: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--since') {
      since = Number(args[++i]);
      if (!Number.isFinite(since)) throw new Error(`--since wants epoch milliseconds, not ${args[i]}`);
    } else roots.push(args[i]);
  }
  if (!roots.length) roots.push(...LOG_ROOTS);
  const started = performance.now();
  const scan = scanLogs(roots, { since });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const window = since === undefined ? '' : ` written since ${new Date(since).toISOString()}`;
  process.stdout.write(
    `personal-data scan of ${roots.filter((r) => !scan.missing.includes(r)).join(', ') || 'nothing'}${window}: ` +
      `${scan.files} log files, ${scan.lines} lines in ${seconds} s, ${scan.findings.length} with an ID or phone number\n`,
  );
  if (scan.missing.length) process.stdout.write(`  (no such directory: ${scan.missing.join(', ')})\n`);
  for (const f of scan.findings.slice(0, 20)) process.stdout.write(`  ${f}\n`);
  if (scan.findings.length > 20) process.stdout.write(`  … and ${scan.findings.length - 20} more lines\n`);
  if (!scan.files) process.stdout.write('  no log was read: the scan would have passed on nothing\n');
  return scan.findings.length || !scan.files ? 1 : 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
