export * from './event-builders';
export * from './test-infra';
