import { cliEnvironment } from '@pipeline/app-config';
import { Transform, plainToInstance } from 'class-transformer';
import { IsInt, Matches, Max, Min, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;

/** The demo storefront's environment (or else the endpoints file of scripts/up.sh), validated once. */
export class DemoStorefrontConfig {
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS!: string;

  @Matches(/^[A-Za-z0-9._-]*$/)
  KAFKA_TOPIC_PREFIX = '';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  DEMO_CUSTOMERS = 2_000;

  @Transform(toInt)
  @IsInt()
  DEMO_SEED = 42;

  @Matches(/^[A-Za-z0-9._-]+$/)
  DEMO_CUSTOMER_PREFIX = 'demo-';

  /**
   * The last day of the demo history (YYYY-MM-DD, UTC): the stream ends at its start. Default today,
   * so a refit right after the demo sees customers whose purchasing ran up to now; set it to replay
   * exactly the same stream another day.
   */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'DEMO_END_DATE must be a date like 2026-12-01' })
  DEMO_END_DATE: string = new Date().toISOString().slice(0, 10);
}

export function loadDemoStorefrontConfig(environment: NodeJS.ProcessEnv = process.env): DemoStorefrontConfig {
  const env = cliEnvironment(environment, { needs: [['KAFKA_BROKERS']] });
  const known = [
    'KAFKA_BROKERS',
    'KAFKA_TOPIC_PREFIX',
    'DEMO_CUSTOMERS',
    'DEMO_SEED',
    'DEMO_CUSTOMER_PREFIX',
    'DEMO_END_DATE',
  ];
  const given = Object.fromEntries(Object.entries(env).filter(([k, v]) => known.includes(k) && v !== ''));
  const config = plainToInstance(DemoStorefrontConfig, given);
  const errors = validateSync(config);
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return config;
}
