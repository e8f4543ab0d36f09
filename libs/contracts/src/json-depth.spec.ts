import { jsonNestedDeeperThan, MAX_JSON_DEPTH } from './json-depth';

/** A value nested `depth` levels, built in a loop (recursion would be what the check is there to avoid). */
function nested(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}
/** The JSON text of the same, written out without JSON.stringify (which recurses and overflows at this depth). */
const nestedText = (depth: number, kind: 'array' | 'object') =>
  kind === 'array' ? '['.repeat(depth) + '1' + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('JSON nesting depth', () => {
  it('counts levels of arrays and objects, mixed, and allows exactly the limit', () => {
    expect(jsonNestedDeeperThan('1', 0)).toBe(false);
    expect(jsonNestedDeeperThan('[]', 0)).toBe(true);
    expect(jsonNestedDeeperThan('[]', 1)).toBe(false);
    expect(jsonNestedDeeperThan('{"a":[1,{"b":2}]}', 2)).toBe(true);
    expect(jsonNestedDeeperThan('{"a":[1,{"b":2}]}', 3)).toBe(false);
    // Siblings do not add up: only the deepest path counts.
    expect(jsonNestedDeeperThan(JSON.stringify({ a: [[1]], b: [[2]], c: { d: { e: 1 } } }), 3)).toBe(false);
    for (const kind of ['array', 'object'] as const) {
      expect(jsonNestedDeeperThan(JSON.stringify(nested(MAX_JSON_DEPTH, kind)))).toBe(false);
      expect(jsonNestedDeeperThan(JSON.stringify(nested(MAX_JSON_DEPTH + 1, kind)))).toBe(true);
    }
  });

  it('refuses 20,000 levels of arrays or objects, as text or as bytes, without overflowing and in well under a millisecond per request', () => {
    for (const kind of ['array', 'object'] as const) {
      const text = nestedText(20_000, kind);
      expect(jsonNestedDeeperThan(text)).toBe(true);
      expect(jsonNestedDeeperThan(Buffer.from(text))).toBe(true);
      // The same text really is that deep: JSON.parse (iterative in V8) reads it back to 20,000 levels.
      let v = JSON.parse(text);
      let levels = 0;
      while (typeof v === 'object') (v = kind === 'array' ? v[0] : v.a), levels++;
      expect(levels).toBe(20_000);
    }
    // A whole 256 KB body of brackets, the most the HTTP edge reads: the scan stops at the first level too many.
    const body = Buffer.from('['.repeat(128 * 1024) + ']'.repeat(128 * 1024));
    const started = process.hrtime.bigint();
    for (let i = 0; i < 100; i++) jsonNestedDeeperThan(body);
    expect(Number(process.hrtime.bigint() - started) / 1e6 / 100).toBeLessThan(1);
  });

  it('reads brackets inside strings, escaped quotes included, as text and not as nesting', () => {
    const brackets = '[[[{{{'.repeat(5_000);
    expect(jsonNestedDeeperThan(JSON.stringify({ summary: brackets, [brackets]: brackets, list: [brackets, '\\', '"[[['] }), 2)).toBe(false);
    // An escaped quote does not end the string; an escaped backslash before the closing quote does not escape it.
    expect(jsonNestedDeeperThan(String.raw`{"a":"\"[[[[","b":"\\"}`, 1)).toBe(false);
    expect(jsonNestedDeeperThan(String.raw`{"a":"\\",` + '"b":[[[1]]]}', 3)).toBe(true);
    // Chinese and other multi-byte text beside brackets, as UTF-8 bytes.
    const text = JSON.stringify({ 名称: '【赣州】[[某公司]]', emoji: '𠜎[', list: [['张三']] });
    expect(jsonNestedDeeperThan(Buffer.from(text), 2)).toBe(true);
    expect(jsonNestedDeeperThan(Buffer.from(text), 3)).toBe(false);
  });
});
