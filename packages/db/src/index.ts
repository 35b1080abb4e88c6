export * from './database';
export * from './install';
export * from './paths';
export * from './server';
export * from './machine';
export * from './signals';
