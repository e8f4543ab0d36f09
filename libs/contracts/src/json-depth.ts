/**
 * How deep a JSON document may nest arrays and objects. No request or event of the platform comes near it (a
 * feed record's `records.0.project.code` is 3); class-transformer and JSON.stringify recurse per level and
 * overflow the stack at about 10,000, and JSON.parse takes ten times longer or more on 256 KB of `[[[…` than on flat data.
 */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * Whether JSON text (a string, or UTF-8 bytes as they come off the wire or the broker) nests deeper than `max`
 * levels: `[]` is 1, `{"a":[1]}` is 2. One pass over the text before anything parses it, stopping at the first
 * level too many; brackets inside strings are text. Text that is not JSON gets an answer too, and is refused by
 * the parser after.
 */
export function jsonNestedDeeperThan(text: string | Uint8Array, max = MAX_JSON_DEPTH): boolean {
  const str = typeof text === 'string';
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    // Every byte of a multi-byte UTF-8 character is 0x80 or above, so bytes compare like characters.
    const c = str ? text.charCodeAt(i) : text[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > max) return true;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}
