export * from './failure-kind';
export * from './isolate-failures';
export * from './journey-unit-of-work';
export * from './pending-outbox';
export * from './publish-isolating';
