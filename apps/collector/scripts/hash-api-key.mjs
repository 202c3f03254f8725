// Prints the SHA-256 of a collector API key: the value COLLECTOR_API_KEYS stores in place of the key.
//
//   npm run -s collector:hash-key -- <key>         hash a key
//   printf %s "$KEY" | npm run -s collector:hash-key   read it from stdin (keeps it out of shell history)
//   npm run -s collector:hash-key -- --generate    make a new random key, print it and its hash
import { createHash, randomBytes } from 'node:crypto';

const MIN_LENGTH = 24;

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const sha256 = (key) => createHash('sha256').update(key, 'utf8').digest('hex');

const [arg] = process.argv.slice(2);
if (arg === '--help' || arg === '-h') {
  process.stdout.write(
    'usage: npm run -s collector:hash-key -- <key> | --generate   (or the key on stdin)\n',
  );
} else if (arg === '--generate') {
  const key = `ck_${randomBytes(24).toString('base64url')}`;
  process.stdout.write(`key:    ${key}\nsha256: ${sha256(key)}\n`);
} else {
  const key = arg ?? (process.stdin.isTTY ? '' : await readStdin());
  if (!key) {
    process.stderr.write(
      'no key given: npm run -s collector:hash-key -- <key>, or pipe it in, or --generate\n',
    );
    process.exit(2);
  }
  if (key.length < MIN_LENGTH) {
    process.stderr.write(`warning: a key shorter than ${MIN_LENGTH} characters is easy to guess\n`);
  }
  process.stdout.write(`${sha256(key)}\n`);
}
