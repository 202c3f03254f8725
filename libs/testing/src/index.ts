export * from './event-builders';
export * from './test-infra';
export * from './owned-redis';
export * from './broker-control';
export * from './service-process';
export * from './journey-verification';
export * from './malformed-messages';
export * from './free-port';
