import { validateSync } from 'class-validator';
import {
  creditCodeCheckChar, creditCodeProblem, findPersonalNumbers, IsCreditCode, IsGanzhouServiceArea, IsResidentId, isGanzhouServiceArea,
  isValidCreditCode, isValidResidentId, maskIdNumber, maskPhone, residentIdCheckChar, residentIdProblem, secretFromEnv, workerKey,
} from './index';

describe('GB 11643 resident ID', () => {
  it.each(['360702199003071239', '11010519491231002X', '11010519491231002x'])('accepts %s', (id) => {
    expect(residentIdProblem(id)).toBeNull();
  });

  it('computes the check character from the weighted sum', () => {
    expect(residentIdCheckChar('36070219900307123')).toBe('9');
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
  });

  it.each([
    ['360702199003071238', '校验码'],
    ['36070219900307123', '18位'],
    ['3607021990030712391', '18位'],
    ['36070219900307123A', '18位'],
    ['990702199003071234', '地区码'],
    ['360702199002301232', '出生日期'],
    ['360702189003071237', '出生日期'],
  ])('rejects %s (%s)', (id, why) => {
    expect(residentIdProblem(id)).toContain(why);
    expect(isValidResidentId(id)).toBe(false);
  });

  it('rejects a birth date in the future', () => {
    const first17 = '36070220990101123';
    expect(residentIdProblem(first17 + residentIdCheckChar(first17), new Date('2026-11-29'))).toContain('出生日期');
  });

  it('rejects non-strings', () => {
    expect(isValidResidentId(360702199003071239)).toBe(false);
    expect(isValidResidentId(undefined)).toBe(false);
  });
});

describe('GB 32100 unified social credit code', () => {
  it.each(['91360702MA35G7K276', '91350100M000100Y43'])('accepts %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
  });

  it('computes the check character', () => {
    expect(creditCodeCheckChar('91360702MA35G7K27')).toBe('6');
  });

  it.each([
    ['91360702MA35G7K275', '校验码'],
    ['91360702MA35G7K27', '18位'],
    ['91360702MA35G7KI76', '18位'],
    ['91360702ma35g7k276', '18位'],
  ])('rejects %s (%s)', (code, why) => {
    expect(creditCodeProblem(code)).toContain(why);
    expect(isValidCreditCode(code)).toBe(false);
  });
});

describe('service areas', () => {
  it('knows the 18 counties and the functional zones, not the city or other provinces', () => {
    expect(isGanzhouServiceArea('360702')).toBe(true);
    expect(isGanzhouServiceArea('360783')).toBe(true);
    expect(isGanzhouServiceArea('3607JK')).toBe(true);
    expect(isGanzhouServiceArea('360727')).toBe(false); // 龙南县, replaced by 龙南市 360783
    expect(isGanzhouServiceArea('360700')).toBe(false);
    expect(isGanzhouServiceArea('110105')).toBe(false);
  });
});

describe('masking and pseudonyms', () => {
  it('masks ID numbers and phones', () => {
    expect(maskIdNumber('360702199003071239')).toBe('3607************39');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0797-8123456')).toBe('********3456');
  });

  it('derives a stable keyed pseudonym that differs per secret and hides the number', () => {
    const a = workerKey('11010519491231002x', 's1');
    expect(a).toBe(workerKey('11010519491231002X', 's1'));
    expect(a).not.toBe(workerKey('11010519491231002X', 's2'));
    expect(a).toMatch(/^wk_[0-9a-f]{32}$/);
    expect(a).not.toContain('110105');
  });
});

describe('class-validator decorators', () => {
  class Dto {
    @IsResidentId() id: string;
    @IsCreditCode() code: string;
    @IsGanzhouServiceArea() area: string;
  }
  const make = (v: Partial<Dto>) => Object.assign(new Dto(), { id: '360702199003071239', code: '91360702MA35G7K276', area: '360704', ...v });

  it('passes valid values', () => {
    expect(validateSync(make({}))).toEqual([]);
  });

  it('names the field and the reason in Chinese', () => {
    const errors = validateSync(make({ id: '360702199003071238', area: '360727' }));
    expect(errors.map((e) => e.property).sort()).toEqual(['area', 'id']);
    expect(Object.values(errors.find((e) => e.property === 'id')!.constraints!)[0]).toContain('校验码错误');
  });
});

describe('secrets from the environment', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('uses the demo value outside production and refuses it in production', () => {
    delete process.env.TEST_SECRET;
    process.env.NODE_ENV = 'test';
    expect(secretFromEnv('TEST_SECRET', 'demo')).toBe('demo');
    process.env.NODE_ENV = 'production';
    expect(() => secretFromEnv('TEST_SECRET', 'demo')).toThrow('TEST_SECRET must be set');
    process.env.TEST_SECRET = 'short';
    expect(() => secretFromEnv('TEST_SECRET', 'demo')).toThrow('at least 32');
    process.env.TEST_SECRET = 'x'.repeat(32);
    expect(secretFromEnv('TEST_SECRET', 'demo')).toBe('x'.repeat(32));
  });
});

describe('personal data scan', () => {
  it('finds raw ID numbers and mobile numbers, not masked ones, credit codes, ids or timestamps', () => {
    const text = [
      '{"msg":"created for 360702199003071239 phone 13812345678"}',
      '{"worker":{"idNumber":"3607************39","phone":"138****5678"}}',
      '{"employer":"91360702MA35G7K276","at":1795926017000,"id":"123456789012345678","uuid":"37d64eaa-7df0-4c29-bbee-e19878393919"}',
    ].join('\n');
    expect(findPersonalNumbers(text)).toEqual({ idNumbers: ['360702199003071239'], phones: ['13812345678'] });
  });
});
