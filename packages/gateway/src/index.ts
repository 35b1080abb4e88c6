export { createGateway, type GatewayOptions } from './gateway';
export { negotiate, precompress } from './compression';
