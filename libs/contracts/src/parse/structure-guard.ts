import { Rejection } from './rejection';

export const MAX_EVENT_BYTES = 64 * 1024;
export const MAX_DEPTH = 8;
export const MAX_KEYS = 1_000;
/**
 * Keys that reach an object's prototype, and the names of Object.prototype's methods
 * (`toString`, `valueOf`, `hasOwnProperty` ...): class-transformer skips the latter without a word, so
 * they would slip past the unknown-field check and travel on silently dropped.
 */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/** The keys from the root down to the node being visited; joined into a path only to name a rejection. */
type Trail = Array<string | number>;

interface Walk {
  keys: number;
  readonly trail: Trail;
}

/**
 * Walks a parsed JSON value before any class mapping sees it: bounded depth and key count, and no key
 * that could reach an object's prototype.
 */
export function checkStructure(value: unknown): Rejection | undefined {
  if (!isNode(value)) return undefined;
  return visit(value, 0, { keys: 0, trail: [] });
}

function isNode(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

/**
 * Vets every key of a node first, then descends into its object children last to first. That is the
 * order of the explicit LIFO stack this walk replaced, so when a message breaks several limits the
 * rejection still names the same one.
 */
function visit(node: object, depth: number, walk: Walk): Rejection | undefined {
  if (depth > MAX_DEPTH) {
    return {
      code: 'UNSAFE_STRUCTURE',
      field: pathOf(walk.trail) || undefined,
      message: `nesting deeper than ${MAX_DEPTH} levels`,
    };
  }
  return Array.isArray(node) ? visitArray(node, depth, walk) : visitObject(node, depth, walk);
}

function visitArray(node: readonly unknown[], depth: number, walk: Walk): Rejection | undefined {
  let lastChild = -1;
  for (let i = 0; i < node.length; i += 1) {
    // Array.prototype.map, which the guard used to read arrays with, skips holes.
    if (!(i in node)) continue;
    walk.keys += 1;
    if (walk.keys > MAX_KEYS) return tooManyKeys();
    if (isNode(node[i])) lastChild = i;
  }
  for (let i = lastChild; i >= 0; i -= 1) {
    const child = node[i];
    if (!(i in node) || !isNode(child)) continue;
    const rejection = descend(child, i, depth, walk);
    if (rejection) return rejection;
  }
  return undefined;
}

function visitObject(node: object, depth: number, walk: Walk): Rejection | undefined {
  const record = node as Readonly<Record<string, unknown>>;
  // Most nodes have no object child and the envelope root has one, so this stays small or unallocated.
  let objectChildren: string[] | undefined;
  for (const key in record) {
    // Own keys only, in Object.entries order.
    if (!Object.hasOwn(record, key)) continue;
    walk.keys += 1;
    if (FORBIDDEN_KEYS.has(key)) {
      return {
        code: 'UNSAFE_STRUCTURE',
        field: pathOf(walk.trail, key),
        message: `key "${key}" is not allowed`,
      };
    }
    if (walk.keys > MAX_KEYS) return tooManyKeys();
    if (isNode(record[key])) (objectChildren ??= []).push(key);
  }
  if (objectChildren === undefined) return undefined;
  for (let i = objectChildren.length - 1; i >= 0; i -= 1) {
    const key = objectChildren[i];
    const rejection = descend(record[key] as object, key, depth, walk);
    if (rejection) return rejection;
  }
  return undefined;
}

function descend(child: object, key: string | number, depth: number, walk: Walk): Rejection | undefined {
  walk.trail.push(key);
  const rejection = visit(child, depth + 1, walk);
  walk.trail.pop();
  return rejection;
}

function tooManyKeys(): Rejection {
  return { code: 'UNSAFE_STRUCTURE', message: `more than ${MAX_KEYS} keys` };
}

/**
 * The dotted path of a trail, built the way the stack walk built it: an empty path takes the next key
 * without a dot, so an empty-string key leaves no trace in the path.
 */
function pathOf(trail: Trail, last?: string): string {
  let path = '';
  for (const key of trail) path = path ? `${path}.${key}` : String(key);
  if (last === undefined) return path;
  return path ? `${path}.${last}` : last;
}
