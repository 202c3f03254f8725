import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JourneyProcessorConfig } from './journey-processor.config';

const PAGE = join(__dirname, '../../../docs/processor.md');

/** Rows of the Configuration table of docs/processor.md: each variable with the default it states. */
function documentedDefaults(): Map<string, string> {
  const section =
    readFileSync(PAGE, 'utf8')
      .split(/^## Configuration$/m)[1]
      ?.split(/^## /m)[0] ?? '';
  const rows = section.split('\n').filter((line) => /^\| `/.test(line));
  const defaults = new Map<string, string>();
  for (const row of rows) {
    const [variables = '', stated = ''] = row
      .split('|')
      .slice(1, 3)
      .map((cell) => cell.trim());
    const names: string[] = [];
    for (const [, name] of variables.matchAll(/`([A-Z0-9_]+)`/g)) {
      // `KAFKA_SASL_MECHANISM` / `_USERNAME`: a leading underscore continues the previous name's prefix.
      const previous = names[names.length - 1] ?? '';
      names.push(name.startsWith('_') ? previous.slice(0, previous.lastIndexOf('_')) + name : name);
    }
    const values = stated.split(' / ');
    names.forEach((name, i) => defaults.set(name, values.length === names.length ? values[i] : stated));
  }
  return defaults;
}

/** What the table's words say the configuration holds when the variable is not set. */
function meaning(stated: string): unknown {
  if (['(required)', '(one required)', 'none'].includes(stated)) return undefined;
  if (stated === 'empty') return '';
  const quoted = /^`(.*)`$/.exec(stated);
  return quoted ? quoted[1] : Number(stated.replace(/,/g, ''));
}

describe('the configuration docs/processor.md documents', () => {
  const defaults = new JourneyProcessorConfig() as unknown as Record<string, unknown>;
  const documented = documentedDefaults();

  it('lists every variable the processor reads, and no other', () => {
    expect(documented.size).toBeGreaterThan(20);
    expect([...documented.keys()].sort()).toEqual(Object.keys(defaults).sort());
  });

  it('states the default each variable has in the code', () => {
    const wrong = [...documented]
      .filter(([name, stated]) => meaning(stated) !== defaults[name])
      .map(([name, stated]) => `${name}: documented ${stated}, code ${String(defaults[name])}`);
    expect(wrong).toEqual([]);
  });
});
