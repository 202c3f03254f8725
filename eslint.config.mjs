// Flat config: typescript-eslint's type-aware rules, no `any`, floating promises are errors (an
// un-awaited handler loses its errors and commits its offset anyway), and the pure domain library may
// not reach infrastructure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const INFRASTRUCTURE = ['@nestjs/*', 'kafkajs', 'ioredis', 'testcontainers', '@testcontainers/*', 'express'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.infra/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      'no-console': 'error',
    },
  },
  {
    // The journey domain is pure: state, time and parameters come in as arguments.
    files: ['libs/journey-domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: INFRASTRUCTURE,
              message: 'journey-domain is pure: no NestJS, Kafka, Redis or container imports.',
            },
            {
              group: [
                '@pipeline/kafka',
                '@pipeline/redis-store',
                '@pipeline/kafka/*',
                '@pipeline/redis-store/*',
              ],
              message: 'journey-domain may not depend on infrastructure libraries.',
            },
          ],
        },
      ],
    },
  },
  {
    // Contracts are shared with storefronts: validation only, no transport or storage.
    files: ['libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: INFRASTRUCTURE, message: 'contracts carry no transport or storage code.' }] },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
