// The shared preset lives in config/.
export { default } from './config/eslint.config.mjs';
