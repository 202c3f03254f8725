export * from './journey-index.keys';
export * from './journey-index.repository';
export * from './journey-index.changes';
