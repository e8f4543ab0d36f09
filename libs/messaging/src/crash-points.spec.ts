import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Each case loads the module afresh: it reads YL_CRASH_AT once, when first needed.
const load = () => {
  let mod!: typeof import('./crash-points');
  jest.isolateModules(() => (mod = require('./crash-points')));
  return mod;
};

describe('crash points', () => {
  const kill = jest.spyOn(process, 'kill').mockImplementation(() => true);
  afterEach(() => kill.mockClear());

  it('do nothing unless the switch is set', () => {
    delete process.env.YL_CRASH_AT;
    const { crashPoint } = load();
    crashPoint('relay.after-send');
    expect(kill).not.toHaveBeenCalled();
  });

  it('kill the process at the named point once the file exists, and not at another point', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'crash-')), 'armed');
    const saved = process.env.YL_CRASH_AT;
    process.env.YL_CRASH_AT = `inbox.after-commit:${file}`;
    try {
      const { crashPoint } = load();
      crashPoint('inbox.after-commit');
      expect(kill).not.toHaveBeenCalled();
      writeFileSync(file, '');
      crashPoint('relay.after-send');
      expect(kill).not.toHaveBeenCalled();
      crashPoint('inbox.after-commit');
      expect(kill).toHaveBeenCalledWith(process.pid, 'SIGKILL');
    } finally {
      process.env.YL_CRASH_AT = saved;
      if (saved === undefined) delete process.env.YL_CRASH_AT;
    }
  });

  it('refuse to run in production, and refuse a malformed switch', () => {
    const saved = { ...process.env };
    try {
      process.env.YL_CRASH_AT = 'relay.after-send:/tmp/x';
      process.env.NODE_ENV = 'production';
      expect(() => load().checkCrashSwitch()).toThrow('must not be set in production');
      process.env.NODE_ENV = 'test';
      process.env.YL_CRASH_AT = 'relay.after-send';
      expect(() => load().checkCrashSwitch()).toThrow('<point>:<file>');
    } finally {
      process.env = saved;
    }
  });
});
