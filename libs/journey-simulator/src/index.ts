export * from './seeded-random';
export * from './journey-simulator';
export * from './purchase-process';
