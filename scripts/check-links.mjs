#!/usr/bin/env node
// Checks that every relative link and anchor in README.md and docs/**/*.md resolves: the file or
// folder exists, and a `#fragment` names a heading of the Markdown file it points to (GitHub's
// heading ids). Links with a scheme (https:, mailto:) are left alone. Exits 1 listing every broken
// link, so CI fails on a page renamed or a heading reworded without its links.
//
//   npm run docs:links [-- file.md ...]
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

function markdownFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** The text outside fenced code blocks and inline code spans, line numbers kept. */
function proseOf(text) {
  let fenced = false;
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        fenced = !fenced;
        return '';
      }
      return fenced ? '' : line.replace(/`[^`]*`/g, '');
    })
    .join('\n');
}

/** GitHub's id for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function headingIds(text) {
  const ids = new Set();
  const seen = new Map();
  for (const line of proseOf(text).split('\n')) {
    const match = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!match) continue;
    const base = match[1]
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    ids.add(count === 0 ? base : `${base}-${count}`);
  }
  return ids;
}

// [text](target) and ![alt](target), with an optional "title"; <target> form allowed.
const LINK = /!?\[(?:[^\]]|\\\])*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

function brokenLinks(file) {
  const text = readFileSync(file, 'utf8');
  const problems = [];
  proseOf(text)
    .split('\n')
    .forEach((line, index) => {
      for (const [, target] of line.matchAll(LINK)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
        const [path, fragment] = target.split('#', 2);
        const where = `${relative(ROOT, file)}:${index + 1}`;
        const resolved = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
        if (!existsSync(resolved)) {
          problems.push(`${where}: ${target}: no such file`);
          continue;
        }
        if (fragment === undefined) continue;
        if (statSync(resolved).isDirectory() || !resolved.endsWith('.md')) {
          problems.push(`${where}: ${target}: an anchor into a file that is not Markdown`);
        } else if (!headingIds(readFileSync(resolved, 'utf8')).has(decodeURIComponent(fragment))) {
          problems.push(`${where}: ${target}: no heading #${fragment} in ${relative(ROOT, resolved)}`);
        }
      }
    });
  return problems;
}

const files = process.argv.slice(2).length
  ? process.argv.slice(2).map((f) => resolve(f))
  : [join(ROOT, 'README.md'), ...markdownFiles(join(ROOT, 'docs'))];
const problems = files.flatMap(brokenLinks);
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(`check-links: ${problems.length} broken link(s) in ${files.length} file(s).`);
  process.exitCode = 1;
} else {
  console.log(`check-links: every relative link and anchor resolves in ${files.length} file(s).`);
}
