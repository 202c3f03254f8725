#!/usr/bin/env node
// Validates docs/asyncapi.yaml against the AsyncAPI 3 specification and its core and recommended
// rules. Errors fail the check; warnings are printed but pass, so a style hint never blocks a build.
// Whether the document still matches the code is libs/contracts/src/asyncapi-drift.spec.ts's job.
//
//   npm run asyncapi:check [-- path/to/asyncapi.yaml]
import { Parser } from '@asyncapi/parser';
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SEVERITY = ['error', 'warning', 'info', 'hint'];

/** `docs/asyncapi.yaml:12:5 error asyncapi3-... at channels.x: message`, with a 1-based line. */
function format(file, diagnostic) {
  const start = diagnostic.range?.start;
  const where = start ? `${file}:${start.line + 1}:${start.character + 1}` : file;
  const path = diagnostic.path?.length ? ` at ${diagnostic.path.join('.')}` : '';
  const severity = SEVERITY[diagnostic.severity] ?? `severity ${diagnostic.severity}`;
  return `${where} ${severity} ${diagnostic.code}${path}: ${diagnostic.message}`;
}

async function main() {
  const path = process.argv[2] ? resolve(process.argv[2]) : resolve(ROOT, 'docs/asyncapi.yaml');
  const file = relative(process.cwd(), path) || path;
  let text;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    console.error(`asyncapi-check: cannot read ${file}: ${error.message}`);
    return 2;
  }

  // `source` lets the parser resolve relative $refs and name the file in its diagnostics.
  const { document, diagnostics } = await new Parser().parse(text, { source: path });
  const errors = diagnostics.filter((d) => d.severity === 0);
  const others = diagnostics.filter((d) => d.severity !== 0);
  const warnings = others.filter((d) => d.severity === 1);

  for (const diagnostic of others) console.warn(format(file, diagnostic));
  for (const diagnostic of errors) console.error(format(file, diagnostic));

  if (errors.length > 0 || document === undefined) {
    console.error(`asyncapi-check: ${file} is invalid (${errors.length} error(s)).`);
    return 1;
  }
  const channels = document.channels().length;
  const operations = document.operations().length;
  const messages = document.components().messages().length;
  console.log(
    `asyncapi-check: ${file} is valid AsyncAPI ${document.version()}: ${channels} channels, ` +
      `${operations} operations, ${messages} messages, ${warnings.length} warning(s).`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`asyncapi-check: ${error.stack ?? error}`);
    process.exitCode = 2;
  },
);
