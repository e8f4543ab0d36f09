import fc from 'fast-check';
import { anonymise, namesByRole, organisationCore, scanPersonalData, surnameOf } from './personal-data';
import { allDigits, mobile, name, obfuscated, plainHan, residentId, writtenName } from './personal-data.arbitraries';
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

  it('finds numbers written with other digits, Chinese numerals, invisible characters and any separators, and replaces just them', () => {
    const text = '电话：１３８\u200b١٢٣٤\u00a0\u00a0५६७८，身份证号三六〇七〇二 一九九〇〇三〇七 一二三九。';
    expect(scanPersonalData(text).map((f) => [f.kind, f.text, f.certain])).toEqual([
      ['phone', '１３８\u200b١٢٣٤\u00a0\u00a0५६७८', true],
      ['id_number', '三六〇七〇二 一九九〇〇三〇七 一二三九', true],
    ]);
    expect(anonymise(text)).toBe('电话：×××，身份证号×××。');
    expect(anonymise('联系人手机幺叁捌/壹贰叁肆_伍陆柒捌', { phones: ['13812345678'] })).toBe('联系人手机×××');
  });

  it('finds known names with spaces inside and in traditional characters', () => {
    const known = { names: ['张伟', '欧阳晓红'] };
    const text = '張 偉与歐陽\u200b曉紅在工地务工，晓\u3000红多次讨薪，張偉報警。';
    expect(scanPersonalData(text, known).map((f) => [f.kind, f.text, f.index])).toEqual([
      ['name', '張 偉', 0],
      ['name', '歐陽\u200b曉紅', 4],
      ['name', '晓\u3000红', 15],
      ['name', '張偉', 23],
    ]);
    expect(anonymise(text, known)).toBe('张某与欧阳某在工地务工，欧阳某多次讨薪，张某報警。');
    expect(anonymise('张伟在工地务工', { names: ['張偉'] })).toBe('张某在工地务工');
    expect(namesByRole('包工頭李國強失联')).toEqual(['李国强']);
  });

  // Property: an ID number, a phone number and a name however written are found where they stand, and gone after.
  it('finds and removes every generated ID number, phone number and name, however written', () => {
    const filler = fc.array(fc.constantFrom('工人们', '多次讨要', '，', '。', '2026年5月', '共计8,000元', '工地', '项目部'), { maxLength: 4 }).map((a) => a.join(''));
    const written = <T extends string>(value: fc.Arbitrary<T>) => value.chain((v) => obfuscated(v).map((w) => [v, w] as const));
    const names = name.chain((n) => fc.tuple(writtenName(n), writtenName(n)).map((w) => [n, w] as const));
    fc.assert(
      fc.property(written(residentId), written(mobile), names, filler, fc.boolean(), ([id, writtenId], [phone, writtenPhone], [[simplified, traditional], [n1, n2]], more, knownTraditional) => {
        const given = simplified.slice(surnameOf(simplified).length);
        const text = `${n1}，身份证号${writtenId}，联系电话${writtenPhone}。${more}${n2}再次讨薪，${given}称工资未付。`;
        const known = { names: [knownTraditional ? traditional : simplified] };
        const findings = scanPersonalData(text, known);
        for (const [kind, w] of [['id_number', writtenId], ['phone', writtenPhone], ['name', n1], ['name', n2]] as const) {
          const at = text.indexOf(w);
          expect(findings.some((f) => f.kind === kind && f.certain && f.index <= at && f.index + f.text.length >= at + w.length)).toBe(true);
        }
        const out = anonymise(text, known);
        expect(allDigits(out)).not.toContain(id.slice(0, 17));
        expect(allDigits(out)).not.toContain(phone);
        expect(plainHan(out)).not.toContain(simplified);
        if (given.length >= 2) expect(plainHan(out)).not.toContain(given);
        expect(scanPersonalData(out, known).filter((f) => f.certain)).toEqual([]);
      }),
      { numRuns: 1000, seed: 20261205 },
    );
  });

  // Property: dates, amounts, counts and times in ordinary text are not taken for ID, phone or card numbers.
  const int = (min: number, max: number) => fc.integer({ min, max });
  const pad = (n: number) => String(n).padStart(2, '0');
  const chineseYear = (y: number) => [...String(y)].map((d) => '〇一二三四五六七八九'[Number(d)]).join('');
  const chineseSmall = (n: number) => (n < 10 ? '' : n < 20 ? '十' : `${'〇一二三四五六七八九'[Math.floor(n / 10)]}十`) + (n % 10 ? '〇一二三四五六七八九'[n % 10] : '');
  const day = fc.tuple(int(2000, 2035), int(1, 12), int(1, 28));
  const fragment = fc.oneof(
    day.map(([y, m, d]) => `${y}年${m}月${d}日`),
    day.map(([y, m, d]) => `${chineseYear(y)}年${chineseSmall(m)}月${chineseSmall(d)}日`),
    fc.tuple(day, fc.constantFrom('-', '/', '.'), int(0, 23), int(0, 59)).map(([[y, m, d], sep, h, min]) => `${y}${sep}${pad(m)}${sep}${pad(d)} ${pad(h)}:${pad(min)}`),
    fc.tuple(day, day, fc.constantFrom('至', '—', '-', '~')).map(([[y, m, d], [y2, m2, d2], to]) => `${y}/${m}/${d}${to}${y2}/${m2}/${d2}`),
    int(0, 99_999_999).map((n) => `¥${n.toLocaleString('en-US')}元`),
    int(0, 99_999_999).map((n) => `${n.toLocaleString('en-US')}.${pad(n % 100)}元`),
    int(0, 9_999_999).map((n) => `人民币${n}元`),
    int(1, 99).map((n) => `第${n}批`),
    int(1, 999).map((n) => `${n}名工人`),
    int(1, 100).map((n) => `${n}%`),
    int(1, 999).map((n) => `${n}小时`),
    fc.constantFrom('工人们', '多次讨要', '劳动监察大队', '责令限期支付', '仲裁委员会裁决', '法院判决', '项目部'),
  );
  const ordinaryText = fc.array(fc.tuple(fragment, fc.constantFrom('，', '。', '、', '；', ' ', '和')), { minLength: 1, maxLength: 12 }).map((a) => a.flat().join(''));

  it('does not take dates, amounts, counts or times in ordinary text for ID, phone or card numbers', () => {
    fc.assert(
      fc.property(ordinaryText, (text) => {
        expect(scanPersonalData(text).filter((f) => ['id_number', 'phone', 'long_number'].includes(f.kind))).toEqual([]);
      }),
      { numRuns: 3000, seed: 20261206 },
    );
  });
});
