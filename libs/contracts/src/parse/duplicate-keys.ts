import { Rejection } from './rejection';

/** A key that appears more than once in one object, and where that object is. */
export interface DuplicateKey {
  /** Keys and array indexes from the root down to the object holding the key twice. */
  readonly path: ReadonlyArray<string | number>;
  /** The key, decoded: `"a"` and `"\u0061"` are the same key. */
  readonly key: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

/** Objects up to this many keys keep them in an array: faster than a Set for an envelope's dozen keys. */
const ARRAY_KEYS = 16;

/** The keys seen so far in one object. */
type KeysSeen = string[] | Set<string>;

/**
 * Adds `key` to the object's keys; false when it was there already. Past ARRAY_KEYS keys the array is
 * swapped for a Set, so one object of many keys still costs one pass, not a quadratic search.
 */
function addKey(seen: Array<KeysSeen | null>, top: number, key: string): boolean {
  const keys = seen[top] as KeysSeen;
  if (!Array.isArray(keys)) return keys.size !== keys.add(key).size;
  if (keys.includes(key)) return false;
  keys.push(key);
  if (keys.length > ARRAY_KEYS) seen[top] = new Set(keys);
  return true;
}

/** The index of the quote closing the string whose content starts at `from`. */
function closingQuote(text: string, from: number): number {
  let at = text.indexOf('"', from);
  for (;;) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes += 1;
    // An even run of backslashes escapes itself, not the quote.
    if (backslashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
}

/**
 * The keys that appear twice in one object anywhere in `text`, in text order, at most `limit` of them.
 * `JSON.parse` keeps the last of duplicate keys without a word while other parsers keep the first, so
 * a message carrying one means different things to different readers: the contract refuses it.
 *
 * One linear pass over the characters, with no allocation for values: strings are skipped with
 * `indexOf`, and only keys are sliced (and decoded, when they hold an escape). `text` must already be
 * valid JSON (parse it first): the scanner relies on that and checks nothing else.
 */
export function findDuplicateKeys(text: string, limit = 1): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  // One entry per open container: the keys seen so far for an object, null for an array.
  const seen: Array<KeysSeen | null> = [];
  // The key or index currently being read at each level, which is the path to a duplicate.
  const steps: Array<string | number> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = closingQuote(text, i + 1);
      if (expectKey) {
        expectKey = false;
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        const top = seen.length - 1;
        if (!addKey(seen, top, key)) {
          found.push({ path: steps.slice(0, top), key });
          if (found.length >= limit) return found;
        }
        steps[top] = key;
      }
      i = end;
    } else if (c === OPEN_BRACE) {
      seen.push([]);
      steps.push('');
      expectKey = true;
    } else if (c === OPEN_BRACKET) {
      seen.push(null);
      steps.push(0);
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      seen.pop();
      steps.pop();
      expectKey = false;
    } else if (c === COMMA) {
      const top = seen.length - 1;
      if (seen[top] === null) steps[top] = (steps[top] as number) + 1;
      else expectKey = true;
    }
  }
  return found;
}

/** The dotted path of a duplicate (`properties.type`), as rejections name fields. */
export function duplicateKeyField({ path, key }: DuplicateKey): string {
  return [...path, key].join('.');
}

/**
 * The rejection of a message with a duplicate key. A key twice in one object is a structure parsers
 * read differently, so it is unsafe structure, like a key that reaches a prototype; `path` is relative
 * to the message (the collector strips a batch's `events.<i>`).
 */
export function duplicateKeyRejection(duplicate: DuplicateKey): Rejection {
  return {
    code: 'UNSAFE_STRUCTURE',
    field: duplicateKeyField(duplicate),
    message: `key ${JSON.stringify(duplicate.key).slice(0, 64)} appears more than once in one object`,
  };
}
