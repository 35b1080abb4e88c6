export { createGateway, REPORT_SERVICE_PATH, type GatewayOptions } from './gateway';
export { negotiate, precompress } from './compression';
export { buildSpa, DEFAULT_SPA_DIR, writeSiteConfig } from './build-spa';
export { addLocalApps, localApps, type LocalApp } from './local-apps';
export {
  ensureNginx,
  renderLocalConfig,
  startNginxGateway,
  type NginxGateway,
  type NginxGatewayOptions,
} from './nginx';
