export * from './database';
export * from './install';
export * from './paths';
export * from './server';
