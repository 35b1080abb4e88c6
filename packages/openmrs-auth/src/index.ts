export { hasPrivilege, OpenmrsUnavailable, openmrsCredentials, Sessions, type User } from './sessions';
export { createGuardedService, Refusal, type GuardedService, type GuardOptions, type RouteGuard } from './service';
