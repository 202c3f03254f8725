export * from './lease-lost.error';
export * from './job-lease';
export * from './job-leases';
