export { createServer, type RunningServer, type ServerOptions } from './server';
export { readDemoUsers, seedDemoUsers, type DemoUser } from './demo/users';
export { hashPassword, passwordMatches } from './auth/passwords';
export { parseRepresentation, parsePropertyList, type Representation } from './rest/representation';
export type { Resource, Property, Listing } from './rest/resource';
export type { FhirType } from './fhir/types';
export { describe as describeLatency, logIn } from './bench/session';
