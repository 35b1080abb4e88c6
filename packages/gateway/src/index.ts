export { precompress } from './compression';
export { buildSpa, DEFAULT_SPA_DIR, writeSiteConfig } from './build-spa';
export { addLocalApps, localApps, type LocalApp } from './local-apps';
export { addLoadingScreen } from './loading-screen';
export { addServiceWorker, SERVICE_WORKER } from './service-worker';
export {
  ACCEPTED_CONFIG_PROBLEMS,
  moduleSchemas,
  schemaHasKey,
  schemaOf,
  siteConfigProblems,
  type Schema,
} from './config-schemas';
export {
  ensureNginx,
  IDART_BRIDGE_PATH,
  renderLocalConfig,
  REPORT_SERVICE_PATH,
  startNginxGateway,
  type NginxGateway,
  type NginxGatewayOptions,
} from './nginx';
export {
  BRAZILIAN_WORDS,
  brazilianPortuguese,
  coreTranslations,
  pinnedApps,
  SAME_IN_PORTUGUESE,
  shippedTranslations,
  staleOverrides,
  translationOverrides,
  untranslated,
  type Namespace,
} from './translations';
