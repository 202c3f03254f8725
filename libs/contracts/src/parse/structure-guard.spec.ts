import { SeededRandom } from '@pipeline/journey-simulator';
import { Rejection } from './rejection';
import { MAX_DEPTH, MAX_KEYS, checkStructure } from './structure-guard';

/**
 * The explicit-stack walk the guard used before it computed paths lazily, kept verbatim as the oracle:
 * the rewrite must reject the same messages with the same code, field and message.
 */
function stackWalk(value: unknown): Rejection | undefined {
  const forbidden = new Set(['__proto__', 'constructor', 'prototype']);
  let keys = 0;
  const stack: Array<{ node: unknown; depth: number; path: string }> = [{ node: value, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > MAX_DEPTH) {
      return {
        code: 'UNSAFE_STRUCTURE',
        field: path || undefined,
        message: `nesting deeper than ${MAX_DEPTH} levels`,
      };
    }
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    for (const [key, child] of entries) {
      keys += 1;
      const childPath = path ? `${path}.${key}` : key;
      if (forbidden.has(key)) {
        return { code: 'UNSAFE_STRUCTURE', field: childPath, message: `key "${key}" is not allowed` };
      }
      if (keys > MAX_KEYS) return { code: 'UNSAFE_STRUCTURE', message: `more than ${MAX_KEYS} keys` };
      stack.push({ node: child, depth: depth + 1, path: childPath });
    }
  }
  return undefined;
}

const KEYS = ['a', 'b', 'properties', '', '0', '7', 'x.y', 'source', '__proto__', 'constructor', 'prototype'];

/** JSON text of a random tree: sometimes deep, sometimes wide, now and then a forbidden key. */
function randomJson(random: SeededRandom, depth: number): string {
  const roll = random.next();
  if (depth > MAX_DEPTH + 3 || roll < 0.35) {
    return random.pick(['1', '"s"', 'true', 'null', '""', '-0.5']);
  }
  const wide = random.chance(0.05);
  const size = wide ? random.int(200, 900) : random.int(0, 4);
  const children = Array.from({ length: size }, () => randomJson(random, wide ? MAX_DEPTH + 4 : depth + 1));
  if (roll < 0.55) return `[${children.join(',')}]`;
  const pickKey = (): string => (random.chance(0.92) ? random.pick(KEYS.slice(0, 8)) : random.pick(KEYS));
  return `{${children.map((child, i) => `${JSON.stringify(`${pickKey()}${wide ? i : ''}`)}:${child}`).join(',')}}`;
}

function parsed(text: string): unknown {
  return JSON.parse(text) as unknown;
}

describe(checkStructure.name, () => {
  it('rejects exactly what the stack walk rejected, naming the same field, on seeded random trees', () => {
    const random = new SeededRandom(8);
    const seen = new Map<string, number>();
    for (let i = 0; i < 4_000; i += 1) {
      const value = parsed(randomJson(random, 0));
      const expected = stackWalk(value);
      expect(checkStructure(value)).toStrictEqual(expected);
      const kind = expected?.message.replace(/".*"/, 'KEY') ?? 'accepted';
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
    }
    // Every outcome shows up often enough for the comparison to mean something.
    expect([...seen.keys()].sort()).toEqual([
      'accepted',
      'key KEY is not allowed',
      `more than ${MAX_KEYS} keys`,
      `nesting deeper than ${MAX_DEPTH} levels`,
    ]);
    for (const count of seen.values()) expect(count).toBeGreaterThan(20);
  });

  it.each([
    [
      'a later sibling subtree first, as the stack popped it',
      '{"a":{"constructor":1},"b":{"prototype":2}}',
      'b.prototype',
    ],
    [
      'a key of the node itself before any of its subtrees',
      '{"a":{"__proto__":1},"constructor":2}',
      'constructor',
    ],
    [
      'an array element by its index',
      '{"properties":{"productIds":["p",{"constructor":1}]}}',
      'properties.productIds.1.constructor',
    ],
    ['a path through an empty key without its dot', '{"":{"__proto__":{}}}', '__proto__'],
  ])('names %s', (_case, text, field) => {
    expect(checkStructure(parsed(text))).toStrictEqual({
      code: 'UNSAFE_STRUCTURE',
      field,
      message: `key "${field.split('.').pop()}" is not allowed`,
    });
  });

  it('names the path of the first node nested too deep', () => {
    const text = '{"a":['.repeat(5) + '{}' + ']}'.repeat(5);
    expect(checkStructure(parsed(text))).toStrictEqual({
      code: 'UNSAFE_STRUCTURE',
      field: 'a.0.a.0.a.0.a.0.a',
      message: `nesting deeper than ${MAX_DEPTH} levels`,
    });
  });

  it('lets values sit at the deepest level, and counts keys across the whole tree', () => {
    expect(checkStructure(parsed('{"a":'.repeat(MAX_DEPTH) + '[1,"x",null]' + '}'.repeat(MAX_DEPTH)))).toBe(
      undefined,
    );
    const keys = (n: number): string =>
      `{"a":[${Array(n - 1)
        .fill(0)
        .join(',')}]}`;
    expect(checkStructure(parsed(keys(MAX_KEYS)))).toBeUndefined();
    expect(checkStructure(parsed(keys(MAX_KEYS + 1)))).toStrictEqual({
      code: 'UNSAFE_STRUCTURE',
      message: `more than ${MAX_KEYS} keys`,
    });
  });

  it('passes anything that is not an object', () => {
    for (const value of [null, undefined, 1, 'x', true]) expect(checkStructure(value)).toBeUndefined();
  });
});
