export * from './journey-index.keys';
export * from './journey-index.repository';
