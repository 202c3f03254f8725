export * from './audience.keys';
export * from './audience-index.repository';
