export * from './topics.js';
export * from './schemas.js';
export * from './payload.js';
export * from './lists.js';
