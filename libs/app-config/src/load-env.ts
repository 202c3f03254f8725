import { ClassConstructor, plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';

/**
 * Reads the variables a config class declares from the environment, converts and validates them, and
 * throws one error naming every bad variable. Empty strings count as unset, so defaults apply.
 */
export function loadEnv<T extends object>(
  type: ClassConstructor<T>,
  env: NodeJS.ProcessEnv,
  extraChecks: (config: T) => string[] = () => [],
): T {
  const declared = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(type, '', true, false)
      .map((m) => m.propertyName),
  );
  const given = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => declared.has(key) && value !== ''),
  );
  const config = plainToInstance(type, given);
  const problems = validateSync(config, { whitelist: true }).map(
    (e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`,
  );
  problems.push(...extraChecks(config));
  if (problems.length > 0) throw new Error(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}

export const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

export const toNumber = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
