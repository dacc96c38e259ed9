export * from './topics.js';
export * from './schemas.js';
export * from './payload.js';
export * from './wire.js';
export * from './snapshot-head.js';
export * from './lists.js';
export * from './waybill.js';
export * from './evidence.js';
