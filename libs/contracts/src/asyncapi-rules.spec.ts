import { PipelineEnv, outputSettingsFromEnv } from '@pipeline/app-config';
import {
  DEFAULT_RELATIONSHIP_BOUNDS,
  DERIVED_EVENT_KINDS,
  MEAN_YEAR_MS,
  derivedEventId,
  npsCategoryOf,
  simpleClvMinor,
  unitMs,
} from '@pipeline/journey-domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { MAX_TIMESTAMP_MS, MIN_TIMESTAMP_MS, parseIsoTimestamp } from './envelope/iso-timestamp';
import { IDENTIFIER_MAX_LENGTH } from './identifiers';
import { MAX_AMOUNT_MINOR } from './amount-bounds';
import { formatMinorUnits, minorDigitsOf, toMinorUnits } from './money';
import { MAX_DEPTH, MAX_EVENT_BYTES, MAX_KEYS } from './parse/structure-guard';

/*
 * The prose of docs/asyncapi.yaml states limits, defaults and id formats. asyncapi-drift.spec.ts
 * checks the schemas; this file checks the words: each documented number is written here from the
 * constant the code uses, so changing either side alone fails. A number in a description that no rule
 * below accounts for fails too, so a new one cannot be added without tying it to its constant.
 */

type Node = Record<string, unknown>;
const DOCUMENT = join(__dirname, '../../../docs/asyncapi.yaml');
const raw = parse(readFileSync(DOCUMENT, 'utf8')) as Node;

/** The settings every service derives from its environment when no variable is set. */
const defaults = outputSettingsFromEnv(new PipelineEnv());
const churn = defaults.churnThresholds;

function at(path: string): Node {
  let node: unknown = raw;
  for (const key of path.split('/')) {
    if (node === null || typeof node !== 'object') throw new Error(`docs/asyncapi.yaml has no ${path}`);
    node = (node as Node)[key];
  }
  if (node === null || typeof node !== 'object') throw new Error(`docs/asyncapi.yaml has no ${path}`);
  return node as Node;
}

function text(path: string, field = 'description'): string {
  const value = at(path)[field];
  if (typeof value !== 'string') throw new Error(`docs/asyncapi.yaml has no ${field} at ${path}`);
  return value.replace(/\s+/g, ' ');
}

const SCHEMAS = 'components/schemas';
const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
const days = (ms: number): string => plural(ms / unitMs('day'), 'day');

type DerivedEventKind = (typeof DERIVED_EVENT_KINDS)[keyof typeof DERIVED_EVENT_KINDS];

/** The schema whose eventId documents each derived event's id format. */
const ID_DOCUMENTED_IN: Record<DerivedEventKind, string> = {
  'stage-changed': 'StageChangedEvent',
  clv: 'ClvEvent',
  'churn-risk': 'ChurnRiskEvent',
  'customer-erased': 'CustomerErasedEvent',
  profile: 'CustomerProfile',
};

/** Each rule: where the document states it, and the words the code's constant gives. */
const RULES: ReadonlyArray<{ rule: string; path: string; field?: string; says: string }> = [
  {
    rule: 'maximum amount per event',
    path: `${SCHEMAS}/Amount`,
    says:
      `at most 10^${Math.log10(MAX_AMOUNT_MINOR)} minor units per amount (\`x-maximum-minor-units\`): ` +
      ['EUR', 'JPY', 'KWD']
        .map((currency) => `${formatMinorUnits(MAX_AMOUNT_MINOR, currency)} ${currency}`)
        .join(', '),
  },
  {
    rule: 'identifier length',
    path: `${SCHEMAS}/Identifier`,
    says: `1-${IDENTIFIER_MAX_LENGTH} characters`,
  },
  {
    rule: 'timestamp range',
    path: `${SCHEMAS}/IsoTimestamp`,
    says:
      `between ${new Date(MIN_TIMESTAMP_MS).toISOString().replace('.000Z', 'Z')} (inclusive) and ` +
      `${new Date(MAX_TIMESTAMP_MS).toISOString().replace('.000Z', 'Z')} (exclusive)`,
  },
  {
    rule: 'timestamp fraction digits',
    path: `${SCHEMAS}/IsoTimestamp`,
    says: `a fraction of up to ${fractionDigitsAccepted()} digits`,
  },
  {
    rule: 'structure limits',
    path: `${SCHEMAS}/RejectionCode`,
    says: `over the size (${MAX_EVENT_BYTES / 1024} KiB), depth (${MAX_DEPTH}) or key (${MAX_KEYS}) limits`,
  },
  {
    rule: 'NPS categories',
    path: `${SCHEMAS}/NpsResponseProperties`,
    says: `promoters ${range('promoter')}, passives ${range('passive')}, detractors ${range('detractor')}`,
  },
  {
    rule: 'NPS scale',
    path: `${SCHEMAS}/NpsResponseProperties`,
    says: `from ${bound('NpsResponseProperties', 'score', 'minimum')} to ${bound('NpsResponseProperties', 'score', 'maximum')}`,
  },
  {
    rule: 'review rating scale',
    path: `${SCHEMAS}/ReviewPostedProperties`,
    says: `from ${bound('ReviewPostedProperties', 'rating', 'minimum')} to ${bound('ReviewPostedProperties', 'rating', 'maximum')}`,
  },
  {
    rule: 'CLV minimum tenure',
    path: `${SCHEMAS}/ClvEvent/properties/simple/properties/tenureYears`,
    says: `at least the configured minimum (${plural((defaults.minTenureMs ?? NaN) / MEAN_YEAR_MS, 'year')} by default)`,
  },
  {
    rule: 'CLV relationship bounds',
    path: `${SCHEMAS}/ClvEvent/properties/simple/properties/relationshipSource`,
    says: `(${DEFAULT_RELATIONSHIP_BOUNDS.min} to ${DEFAULT_RELATIONSHIP_BOUNDS.max} years by default)`,
  },
  {
    rule: 'P_ALIVE_LOW threshold',
    path: `${SCHEMAS}/ChurnRiskEvent/properties/reasons`,
    says: `below a threshold (${churn.pAliveBelow} by default)`,
  },
  {
    rule: 'OVERDUE_PURCHASE ratio and one-time buyers',
    path: `${SCHEMAS}/ChurnRiskEvent/properties/reasons`,
    says:
      `(from ${churn.overdue.mediumRatio}x by default; one-time buyers are measured against ` +
      `${days(churn.overdue.defaultIntervalMs)})`,
  },
  {
    rule: 'NPS_DETRACTOR',
    path: `${SCHEMAS}/ChurnRiskEvent/properties/reasons`,
    says: `a detractor (${range('detractor')})`,
  },
  {
    rule: 'INACTIVE window',
    path: `${SCHEMAS}/ChurnRiskEvent/properties/reasons`,
    says: `the activity window (${days(churn.inactive.windowMs)} by default)`,
  },
  ...Object.values(DERIVED_EVENT_KINDS).map((kind) => ({
    rule: `${kind} id format`,
    path: `${SCHEMAS}/${ID_DOCUMENTED_IN[kind]}/properties/eventId`,
    says: `\`${kind}:<length of customerId>:<customerId>:<`,
  })),
];

/** The NPS answers of a category as the code classifies them, e.g. `9-10`. */
function range(category: ReturnType<typeof npsCategoryOf>): string {
  const scores = Array.from({ length: 11 }, (_, score) => score).filter((s) => npsCategoryOf(s) === category);
  return `${scores[0]}-${scores[scores.length - 1]}`;
}

/** The most fraction-of-second digits the contract's timestamp parser accepts. */
function fractionDigitsAccepted(): number {
  let digits = 0;
  while (digits < 20 && parseIsoTimestamp(`2026-03-01T12:00:00.${'1'.repeat(digits + 1)}Z`).ok) digits += 1;
  return digits;
}

function bound(schema: string, field: string, facet: 'minimum' | 'maximum'): number {
  const value = at(`${SCHEMAS}/${schema}/properties/${field}`)[facet];
  if (typeof value !== 'number') throw new Error(`${schema}.${field} has no ${facet}`);
  return value;
}

/*
 * Numbers in the prose that are no setting of the pipeline: names of standards and encodings, the
 * contract's version, facts of JavaScript checked below, and the scale of a score.
 */
const NOT_SETTINGS = [
  /UTF-8/g,
  /ISO[- ]8601/g,
  /ISO 4217/g,
  /SHA-256/g,
  /base64/gi,
  /\.v1\b/g,
  /64-bit/g,
  /Fader, Hardie & Lee 2005/g,
  /schema version 1\b/g,
  /only 1 exists/g,
  /From 0 \(safe\) to 1 \(gone\)/g,
  /1 \/ annual churn rate/g,
  /\(cost 0\)/g,
  /0 when `frequency` is 0/g,
  /\(0 for none\)/g,
  /rounded to 4 decimals/g,
  /no 2024-02-30, no 24:00, no offset beyond 23:59/g,
  /\(1e21 and above, 1e-7 and below\)/g,
  /at most 2\^53 - 1/g,
  /order histories from the 1990s/g,
  /Added to v1\b/g,
  /\(u?int32 big-endian(, -1 for null)?\)/g,
  /`19\.99`|`"19\.99"`|`"12\.500"` EUR is 12\.50 EUR/g,
  /- [0-4] digits: [A-Z, ]+|- 2 digits: every other currency/g,
  /`time-<due instant in epoch ms>`|<erasedAt in epoch ms>/g,
  // Example data, shown in the examples' own payloads.
  /\b(?:cust|anon)-[0-9a-f]+\b/g,
  /A 14-day trial/g,
  /worth 119\.80 EUR/g,
];

/** Every description, summary and title in the document, examples' payloads left out, with its path. */
function* prose(node: unknown, path: string): Generator<[string, string]> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* prose(item, `${path}/${i}`);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node as Node)) {
      if (['description', 'summary', 'title'].includes(key) && typeof value === 'string') {
        yield [`${path}/${key}`, value.replace(/\s+/g, ' ')];
      } else if (key !== 'payload' || !path.includes('/examples/')) {
        yield* prose(value, `${path}/${key}`);
      }
    }
  }
}

describe('the rules docs/asyncapi.yaml states in words', () => {
  it.each(RULES.map((r) => [r.rule, r] as const))('states the %s the code uses', (_rule, r) => {
    expect(text(r.path, r.field)).toContain(r.says);
  });

  it('accounts for every number in its prose', () => {
    const unexplained: string[] = [];
    for (const [path, words] of prose(raw, '')) {
      let rest = words;
      for (const r of RULES)
        if (path === `/${r.path}/${r.field ?? 'description'}`) rest = rest.split(r.says).join('');
      for (const pattern of NOT_SETTINGS) rest = rest.replace(pattern, '');
      const numbers = rest.match(/[^.;:(]*\d[^.;:)]*/g);
      if (numbers) unexplained.push(`${path}: ${numbers.join(' | ')}`);
    }
    expect(unexplained).toEqual([]);
  });

  it('lists the currencies whose minor units are not 2, as the money rules know them', () => {
    const documented = new Map<string, number>();
    for (const [, digits, list] of text(`${SCHEMAS}/Amount`).matchAll(/- ([0-4]) digits: ([A-Z, ]+[A-Z])/g)) {
      for (const currency of list.split(', ')) documented.set(currency, Number(digits));
    }
    expect(documented.size).toBeGreaterThan(0);
    for (const [currency, digits] of documented)
      expect({ currency, digits: minorDigitsOf(currency) }).toEqual({ currency, digits });
    const notTwo = Intl.supportedValuesOf('currency').filter((currency) => minorDigitsOf(currency) !== 2);
    expect(notTwo.filter((currency) => !documented.has(currency))).toEqual([]);
  });

  it('states the JavaScript number limits the money parser inherits', () => {
    expect(text(`${SCHEMAS}/Amount`)).toContain('(1e21 and above, 1e-7 and below)');
    expect([String(1e21), String(1e20), String(1e-7), String(1e-6)]).toEqual([
      '1e+21',
      '100000000000000000000',
      '1e-7',
      '0.000001',
    ]);
    expect(toMinorUnits(1e21, 'EUR').ok).toBe(false);
    // The maximum per event lies far below 2^53 - 1, so the safe-integer rule the text also states holds.
    expect(MAX_AMOUNT_MINOR).toBeLessThan(Number.MAX_SAFE_INTEGER);
    expect(toMinorUnits('90071992547409.91', 'EUR').ok).toBe(false);
    expect(text(`${SCHEMAS}/Amount`)).toContain(`at most 2^53 - 1`);
    expect(2 ** 53 - 1).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('gives derived events the ids the code builds', () => {
    const examples = (message: string) =>
      (at(`components/messages/${message}`)['examples'] as Array<{ payload: Node }>).map((e) => e.payload);
    const cause = (trigger: Node): string | RegExp =>
      trigger['kind'] === 'event'
        ? String(trigger['eventId'])
        : trigger['kind'] === 'refit'
          ? `refit-${String(trigger['modelVersion'])}`
          : /^time-\d+$/;
    const checks: Array<[string, string, string | RegExp]> = [
      ...examples('StageChangedEvent').map(
        (p) =>
          [
            String(p['eventId']),
            derivedEventId(
              DERIVED_EVENT_KINDS.stageChanged,
              String(p['customerId']),
              String(p['causingEventId']),
            ),
            '',
          ] as [string, string, string],
      ),
      ...examples('CustomerErasedEvent').map(
        (p) =>
          [
            String(p['eventId']),
            derivedEventId(
              DERIVED_EVENT_KINDS.customerErased,
              String(p['customerId']),
              String(Date.parse(String(p['erasedAt']))),
            ),
            '',
          ] as [string, string, string],
      ),
      ...examples('ClvEvent').map((p) => idParts(p, DERIVED_EVENT_KINDS.clv, cause(p['trigger'] as Node))),
      ...examples('ChurnRiskEvent').map((p) =>
        idParts(p, DERIVED_EVENT_KINDS.churnRisk, cause(p['trigger'] as Node)),
      ),
    ];
    for (const [id, prefix, rest] of checks) {
      if (rest instanceof RegExp) {
        expect(id.startsWith(prefix)).toBe(true);
        expect(id.slice(prefix.length)).toMatch(rest);
      } else {
        expect(id).toBe(prefix + rest);
      }
    }
    expect(checks.length).toBeGreaterThanOrEqual(10);
  });

  it('shows simple CLV examples computed as the code computes them', () => {
    const minTenureYears = (defaults.minTenureMs ?? NaN) / MEAN_YEAR_MS;
    const examples = (at('components/messages/ClvEvent')['examples'] as Array<{ payload: Node }>).map(
      (e) => e.payload,
    );
    expect(examples.length).toBeGreaterThan(0);
    for (const payload of examples) {
      const simple = payload['simple'] as Record<string, string | number>;
      const scale = 10 ** minorDigitsOf(String(payload['currency']));
      const minor = (amount: string | number | undefined): number => Math.round(Number(amount) * scale);
      expect(simple['tenureYears']).toBeGreaterThanOrEqual(minTenureYears);
      const annual = minor(simple['netRevenue']) / Number(simple['tenureYears']);
      expect(Math.abs(minor(simple['annualRevenue']) - Math.round(annual))).toBeLessThanOrEqual(1);
      const value = simpleClvMinor({
        annualRevenueMinor: annual,
        relationshipYears: Number(simple['relationshipYears']),
        acquisitionCostMinor: minor(simple['acquisitionCost']),
      });
      // The code computes from the unrounded tenure, which the event rounds to 4 decimals.
      expect(Math.abs(minor(simple['value']) - value)).toBeLessThanOrEqual(1);
    }
  });
});

/** An id the code builds as `derivedEventId(kind, customerId, cause)`: its expected prefix and rest. */
function idParts(
  payload: Node,
  kind: DerivedEventKind,
  cause: string | RegExp,
): [string, string, string | RegExp] {
  const prefix = derivedEventId(kind, String(payload['customerId']), '');
  return [String(payload['eventId']), prefix, cause];
}
