// After a failed test run: what the services of each failed jest suite logged (see libs/testing's failedSuiteLogs).
import { readFileSync } from 'node:fs';
import { failedSuiteLogs } from '@yuanlian/testing';

const [resultsFile = '.run/jest-results.json', logRoot = '.run/test-logs'] = process.argv.slice(2);
const TOTAL = 400;
const out = failedSuiteLogs(JSON.parse(readFileSync(resultsFile, 'utf8')), logRoot);
if (!out.length) out.push('(no service logs of the failed suites)');
process.stdout.write(out.slice(0, TOTAL).join('\n') + (out.length > TOTAL ? `\n… ${out.length - TOTAL} more line(s)` : '') + '\n');
