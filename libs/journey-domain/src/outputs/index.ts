export * from './clv-model-snapshot';
export * from './emitted-outputs';
export * from './output-settings';
export * from './customer-clv';
export * from './derive-outputs';
export * from './derived-record';
export * from './fold-journey-events';
export * from './customer-profile';
