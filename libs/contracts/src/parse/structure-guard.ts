import { Rejection } from './rejection';

export const MAX_EVENT_BYTES = 64 * 1024;
export const MAX_DEPTH = 8;
export const MAX_KEYS = 1_000;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Walks a parsed JSON value before any class mapping sees it: bounded depth and key count, and no key
 * that could reach an object's prototype.
 */
export function checkStructure(value: unknown): Rejection | undefined {
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
      if (FORBIDDEN_KEYS.has(key)) {
        return { code: 'UNSAFE_STRUCTURE', field: childPath, message: `key "${key}" is not allowed` };
      }
      if (keys > MAX_KEYS) return { code: 'UNSAFE_STRUCTURE', message: `more than ${MAX_KEYS} keys` };
      stack.push({ node: child, depth: depth + 1, path: childPath });
    }
  }
  return undefined;
}
