// Flat config: typescript-eslint's type-aware rules, no `any`, floating promises are errors (an
// un-awaited handler loses its errors and commits its offset anyway), and the layers stay apart: the
// pure domain and the contracts reach no infrastructure, the adapters (kafka, redis-store) no domain
// rule, the config no adapter, and no library an app.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The dashboard is a plain browser script served as is (no build step), linted with the JS rules.
const DASHBOARD = 'libs/observability/src/dashboard/assets/dashboard.js';

// Libraries are what apps are built from, never the other way round, in tests as in code.
const NO_APPS = {
  regex: '(^|/)apps/',
  message: 'libs may not import from apps: move what is shared into a library.',
};

const INFRASTRUCTURE = ['@nestjs/*', 'kafkajs', 'ioredis', 'testcontainers', '@testcontainers/*', 'express'];

const PIPELINE_ADAPTERS = [
  '@pipeline/kafka',
  '@pipeline/redis-store',
  '@pipeline/kafka/*',
  '@pipeline/redis-store/*',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.infra/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs',
      '!' + DASHBOARD,
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
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
    files: [DASHBOARD],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'script',
      globals: {
        window: 'readonly',
        document: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        Chart: 'readonly',
      },
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_APPS] }] },
  },
  {
    // The journey domain is pure: state, time and parameters come in as arguments.
    files: ['libs/journey-domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_APPS,
            {
              group: INFRASTRUCTURE,
              message: 'journey-domain is pure: no NestJS, Kafka, Redis or container imports.',
            },
            {
              group: PIPELINE_ADAPTERS,
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
        {
          patterns: [
            NO_APPS,
            { group: INFRASTRUCTURE, message: 'contracts carry no transport or storage code.' },
          ],
        },
      ],
    },
  },
  {
    // Adapters store and send what they are given: the decisions are the domain's, passed in by the
    // apps that wire them. Their tests give them stand-in decisions.
    files: ['libs/kafka/**/*.ts', 'libs/redis-store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_APPS,
            {
              group: ['@pipeline/journey-domain', '@pipeline/journey-domain/*'],
              message: 'adapters know no business rule: take the decision from the domain as an argument.',
            },
          ],
        },
      ],
    },
  },
  {
    // Config reads and validates settings of its own types; the adapters map them to client options.
    files: ['libs/app-config/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_APPS,
            {
              group: ['kafkajs', 'ioredis', ...PIPELINE_ADAPTERS],
              message: 'app-config produces plain settings: no Kafka or Redis client or adapter types.',
            },
          ],
        },
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
