import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOnce, replaceFile } from './files';

describe('race-safe files', () => {
  it('creates a file once: a second creator leaves the first content and no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'files-'));
    const file = join(dir, 'sub', 'key.json');
    createOnce(file, 'first');
    createOnce(file, 'second');
    expect(readFileSync(file, 'utf8')).toBe('first');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['key.json']);
  });

  it('replaces a file whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'files-'));
    const file = join(dir, 'roots.json');
    replaceFile(file, 'old');
    replaceFile(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['roots.json']);
  });
});
