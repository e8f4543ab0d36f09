import fc from 'fast-check';
import { normaliseText } from './normalise';
import { mobile, obfuscated, residentId } from './personal-data.arbitraries';
import { findPersonalNumbers } from './personal-numbers';

describe('normalised text', () => {
  it('folds digits, full-width forms and invisible characters, and maps back to the original', () => {
    const text = '电话：１３８\u200b١٢٣٤\u00ad५६७८。';
    const n = normaliseText(text);
    expect(n.text).toBe('电话:1381234' + '5678。');
    const at = n.text.indexOf('1381');
    const { index, end } = n.span(at, at + 11);
    expect(text.slice(index, end)).toBe('１３８\u200b١٢٣٤\u00ad५६७८');
  });

  it('reads traditional characters as simplified when asked, one for one', () => {
    const n = normaliseText('包工頭張偉、歐陽曉紅', { simplify: true });
    expect(n.text).toBe('包工头张伟、欧阳晓红');
    expect(normaliseText('張偉').text).toBe('張偉');
  });

  it('keeps ASCII text as it is', () => {
    const text = '{"time":"2026-12-04T14:21:25.838Z","msg":"ok"}';
    const n = normaliseText(text);
    expect(n.text).toBe(text);
    expect(n.span(3, 7)).toEqual({ index: 3, end: 7 });
  });
});

describe('ID and phone numbers however written', () => {
  it('finds numbers in other digits, Chinese numerals and with any separators', () => {
    expect(findPersonalNumbers('手机幺三八 一二三四 五六七八，证件三六〇七〇二一九九〇〇三〇七一二三九')).toEqual({ idNumbers: ['360702199003071239'], phones: ['13812345678'] });
    expect(findPersonalNumbers('tel: +86 138/1234_5678\t139\u00a0\u00a08765\u200b4321')).toEqual({ idNumbers: [], phones: ['13812345678', '13987654321'] });
    expect(findPersonalNumbers('身份证 360702 19900307 005 x；').idNumbers).toEqual(['36070219900307005X']);
    expect(findPersonalNumbers(JSON.stringify({ msg: '联系人 138\t1234\n5678' }))).toEqual({ idNumbers: [], phones: ['13812345678'] });
  });

  it('does not take amounts, dates, masked numbers or log fields for numbers', () => {
    const text = [
      '{"time":"2026-12-04T14:21:25.838Z","at":1795926017000,"durationMs":1380,"offset":"13812","partition":3}',
      '{"worker":{"idNumber":"3607************39","phone":"138****5678"}}',
      '{"employer":"91360702MA35G7K276","id":"123456789012345678","uuid":"37d64eaa-7df0-4c29-bbee-e19878393919","sha":"138123456789ab"}',
      '{"eventId":"01361503-6048-4eb4-8a7a-24a04d056bf3","causationId":"99a98cef-8606-4de2-9706-018958977357","id":"ffb7797e-0152-4299-9706-a1b2c3d4e5f6"}',
      '{"msg":"handled in 13002.280883 ms","durationMs":1380.0228088,"took":658.019368405307}',
      '工资分别为13,520、1,640、12,000元，13,520.50、1,640.00元，2026/11/03—2026/12/05，2026.11.13 13:45:20',
    ].join('\n');
    expect(findPersonalNumbers(text)).toEqual({ idNumbers: [], phones: [] });
  });

  // In a log one point alone between digits is a decimal point (13002.280883 ms): 138.12345678 is not taken there.
  const onePointOnly = (w: string) => /^[^.]*\.[^.]*$/.test(w) && !/[\s\-_/—·*]/.test(w.replace(/\u180e/g, ''));

  it('finds every generated ID and mobile number, however written', () => {
    const written = (value: fc.Arbitrary<string>) => value.chain((v) => obfuscated(v).filter((w) => !onePointOnly(w)).map((w) => [v, w] as const));
    fc.assert(
      fc.property(written(residentId), written(mobile), fc.constantFrom('', '工人', '，', '：', ' '), ([id, writtenId], [phone, writtenPhone], glue) => {
        expect(findPersonalNumbers(`身份证号${glue}${writtenId}${glue}电话${writtenPhone}。`)).toEqual({ idNumbers: [id], phones: [phone] });
      }),
      { numRuns: 1000, seed: 20261203 },
    );
  });

  // Mostly digits, so that UUIDs and trace ids often have parts made only of digits.
  const hex = (n: number) => fc.array(fc.constantFrom(...'01234567890123456789abcdef'), { minLength: n, maxLength: n }).map((a) => a.join(''));
  const uuid = fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((p) => p.join('-'));
  const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) });
  const logLine = fc
    .record({
      at: instant,
      uuid,
      trace: hex(32),
      offset: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      partitions: fc.array(fc.integer({ min: 0, max: 63 }), { maxLength: 12 }),
      ms: fc.double({ min: 0, max: 1e6, noNaN: true }),
      elapsed: fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 999_999 })).map(([a, b]) => `${a}.${b}`),
      amount: fc.integer({ min: 0, max: 99_999_999 }),
      day: instant.map((t) => new Date(t).toISOString().slice(0, 10)),
    })
    .map((r) =>
      JSON.stringify({
        time: new Date(r.at).toISOString(), at: r.at, level: 'log', eventId: r.uuid, traceparent: `00-${r.trace}-${r.trace.slice(0, 16)}-01`,
        offset: String(r.offset), partitions: r.partitions, durationMs: r.ms, msg: `处理完成，金额${r.amount.toLocaleString('en-US')}元，截止${r.day}，用时${r.ms.toFixed(2)}ms，handled in ${r.elapsed} ms`,
      }),
    );

  it('finds nothing in ordinary JSON log lines (timestamps, offsets, UUIDs, trace ids, durations, amounts)', () => {
    fc.assert(
      fc.property(logLine, (line) => {
        expect(findPersonalNumbers(line)).toEqual({ idNumbers: [], phones: [] });
      }),
      { numRuns: 2000, seed: 20261203 },
    );
  });

  it('finds an obfuscated number logged inside a JSON line', () => {
    const written = mobile.chain((v) => obfuscated(v).filter((w) => !onePointOnly(w)).map((w) => [v, w] as const));
    fc.assert(
      fc.property(logLine, written, (line, [phone, w]) => {
        const logged = line.replace('"level":"log"', `"level":"log","msg2":${JSON.stringify(`联系人 ${w}`)}`);
        expect(findPersonalNumbers(logged).phones).toEqual([phone]);
      }),
      { numRuns: 1000, seed: 20261204 },
    );
  });
});
