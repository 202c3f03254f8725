export * from './customer-erased.message';
export * from './customer-erasure.service';
export * from './profile-tombstone.message';
