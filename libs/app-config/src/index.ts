export * from './load-env';
export * from './pipeline.env';
export * from './pipeline-settings';
export * from './connection-settings';
export * from './local-endpoints';
