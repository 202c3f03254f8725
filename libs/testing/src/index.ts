export * from './event-builders';
export * from './test-infra';
export * from './owned-redis';
