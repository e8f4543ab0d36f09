import fc from 'fast-check';
import { anonymise, organisationCore, scanPersonalData, surnameOf } from './personal-data';
import { makeCreditCode, makeResidentId } from './index';

const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const digitsOf = (s: string) => fullWidthToAscii(s).replace(/[^0-9Xx]/g, '');
const fullWidthToAscii = (s: string) => s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

describe('personal data in texts for publication', () => {
  const known = {
    names: ['王大明', '欧阳小红'],
    idNumbers: ['360702199003071239'],
    phones: ['13812345678'],
    organisations: ['赣州宏达建筑工程有限公司'],
    creditCodes: ['91360702MA35G7K276'],
    addresses: ['章贡区红旗大道88号恒大城三期'],
    places: ['恒大城三期'],
  };

  it('replaces a case’s own values, their short forms, and what has their shape', () => {
    const text =
      '王大明（身份证号360702199003071239，电话138-1234-5678）在宏达公司承建的恒大城三期务工，大明与工友欧阳小红于2026年1月被拖欠工资12,500元。' +
      '项目位于章贡区红旗大道88号恒大城三期，包工头李国强失联，座机0797-8123456，邮箱wdm@example.com，单位代码91360702MA35G7K276。';
    const out = anonymise(text, known);
    expect(out).toBe(
      '王某（身份证号×××，电话×××）在某公司承建的某项目务工，王某与工友欧阳某于2026年1月被拖欠工资12,500元。' +
        '项目位于某地，包工头李某失联，座机×××，邮箱×××，单位代码×××。',
    );
    expect(scanPersonalData(out, known)).toEqual([]);
  });

  it('finds numbers written in full-width digits or split by spaces', () => {
    const text = `手机${fullWidth('13812345678')}，证件 360702 19900307 1239`;
    expect(scanPersonalData(text).map((f) => [f.kind, f.certain])).toEqual([['phone', true], ['id_number', true]]);
  });

  it('leaves amounts, dates, counts and ordinary words alone', () => {
    const text = '2026年3月15日，23名工人被拖欠工资共计386,400元（38640000分），负责人何时支付未作答复，经理付款后结案。';
    expect(scanPersonalData(text)).toEqual([]);
    expect(anonymise(text)).toBe(text);
  });

  it('marks shape-only findings as uncertain (warnings for the editor), known values as certain', () => {
    const f = scanPersonalData('项目经理张伟，沙河村三组的工人王大明', { names: ['王大明'] });
    expect(f.map((x) => [x.kind, x.text, x.certain])).toEqual([
      ['name', '张伟', false],
      ['address', '沙河村三组', false],
      ['name', '王大明', true],
    ]);
  });

  it('knows compound surnames and company brands', () => {
    expect(surnameOf('欧阳小红')).toBe('欧阳');
    expect(surnameOf('王大明')).toBe('王');
    expect(organisationCore('赣州宏达建筑工程有限公司')).toBe('宏达');
    expect(organisationCore('信丰县金盛鞋业有限公司')).toBe('金盛');
    expect(organisationCore('某公司')).toBeNull();
  });

  // Property: whatever the case's values and however the text writes them, none survives anonymising.
  const hanChar = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
  const given = fc.array(hanChar, { minLength: 1, maxLength: 2 }).map((a) => a.join(''));
  const surname = fc.constantFrom('王', '李', '张', '刘', '陈', '欧阳', '曾', '赖', '钟', '谢');
  const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
  const caseValues = fc.record({
    name: fc.tuple(surname, given).map(([s, g]) => s + g),
    id: fc.tuple(fc.constantFrom('360702', '360722', '360783', '110105'), fc.integer({ min: 0, max: 12000 }), fc.integer({ min: 1, max: 999 })).map(([a, d, q]) =>
      makeResidentId(a, new Date(Date.UTC(1960, 0, 1) + d * 86_400_000).toISOString().slice(0, 10).replace(/-/g, ''), q)),
    phone: fc.tuple(fc.constantFrom('13', '15', '17', '18', '19'), digits(9)).map(([p, r]) => p + r),
    brand: fc.array(hanChar, { minLength: 2, maxLength: 3 }).map((a) => a.join('')),
    credit: digits(9).map((d) => makeCreditCode(`91360702MA${d.slice(0, 7)}`)),
    writeDigits: fc.constantFrom('plain', 'dashes', 'spaces', 'fullwidth'),
    filler: fc.array(fc.constantFrom('工人们', '多次讨要', '，', '。', '2026年5月', '共计8,000元', '工地', '项目部'), { maxLength: 6 }).map((a) => a.join('')),
  });
  const written = (v: string, how: string) =>
    how === 'dashes' ? v.replace(/^(.{3})(.{4})(.*)$/, '$1-$2-$3') : how === 'spaces' ? v.replace(/^(.{6})(.{8})(.*)$/, '$1 $2 $3') : how === 'fullwidth' ? fullWidth(v) : v;

  it('leaves no ID number, phone number or worker name in any generated text', () => {
    fc.assert(
      fc.property(caseValues, (c) => {
        const company = `赣州${c.brand}建设工程有限公司`;
        const text = [
          `${c.name}，身份证号${written(c.id, c.writeDigits)}，联系电话${written(c.phone, c.writeDigits)}。`,
          c.filler,
          `${c.name.slice(surnameOf(c.name).length)}在${company}（${c.credit}）务工，${c.brand}公司拖欠其工资。`,
          `${c.filler}${c.name}再次讨薪。`,
        ].join('');
        const k = { names: [c.name], idNumbers: [c.id], phones: [c.phone], organisations: [company], creditCodes: [c.credit] };
        const out = anonymise(text, k);
        const outDigits = out.split(/[^0-9０-９Xx \-]+/).map(digitsOf);
        expect(outDigits.some((d) => d.includes(c.id.slice(0, 17)) || d.includes(c.phone))).toBe(false);
        expect(out.includes(c.name)).toBe(false);
        const givenName = c.name.slice(surnameOf(c.name).length);
        if (givenName.length >= 2) expect(out.includes(givenName)).toBe(false);
        expect(out.includes(c.credit)).toBe(false);
        expect(out.includes(company)).toBe(false);
        expect(scanPersonalData(out, k).filter((f) => f.certain)).toEqual([]);
      }),
      { numRuns: 500, seed: 20261129 },
    );
  });
});
