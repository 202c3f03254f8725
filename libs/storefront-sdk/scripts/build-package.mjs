// Builds the publishable @customer-journey/storefront-sdk into dist/packages/storefront-sdk: compiles
// the SDK together with the contract library it validates with (libs/contracts lives in this monorepo
// and is not published on its own, so the package bundles it under dist/contracts), rewrites the
// `@pipeline/contracts` alias to that relative path, and writes the package manifest and README.
// Publish with: npm publish dist/packages/storefront-sdk
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const sdkRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(sdkRoot, '../..');
const out = join(repoRoot, 'dist/packages/storefront-sdk');
const compiled = join(out, 'dist');

rmSync(out, { recursive: true, force: true });
const tsc = createRequire(join(repoRoot, 'package.json')).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(sdkRoot, 'tsconfig.package.json')], { stdio: 'inherit' });

// tsc mirrors libs/: flatten to dist/ (the SDK) and dist/contracts (the bundled contract library).
renameSync(join(compiled, 'contracts/src'), join(out, 'contracts'));
renameSync(join(compiled, 'storefront-sdk/src'), join(out, 'sdk'));
rmSync(compiled, { recursive: true });
renameSync(join(out, 'sdk'), compiled);
renameSync(join(out, 'contracts'), join(compiled, 'contracts'));

const contractsDir = join(compiled, 'contracts');
const alias = /(["'])@pipeline\/contracts\1/g;
for (const file of walk(compiled)) {
  if (file.startsWith(contractsDir + sep) || !/\.(js|d\.ts)$/.test(file)) continue;
  const text = readFileSync(file, 'utf8');
  let target = relative(dirname(file), contractsDir).split(sep).join('/');
  if (!target.startsWith('.')) target = `./${target}`;
  writeFileSync(
    file,
    text.replace(alias, (_match, quote) => `${quote}${target}${quote}`),
  );
}
const leftover = walk(compiled).filter((f) => readFileSync(f, 'utf8').includes('@pipeline/'));
if (leftover.length > 0) throw new Error(`unresolved @pipeline/ imports in ${leftover.join(', ')}`);

const manifest = JSON.parse(readFileSync(join(sdkRoot, 'package.json'), 'utf8'));
delete manifest.scripts;
writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
cpSync(join(sdkRoot, 'README.md'), join(out, 'README.md'));
process.stdout.write(`built ${manifest.name}@${manifest.version} in ${relative(repoRoot, out)}\n`);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
