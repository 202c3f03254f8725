export * from './seeded-random';
export * from './journey-simulator';
