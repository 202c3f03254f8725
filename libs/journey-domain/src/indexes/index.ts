export * from './population-index-entries';
