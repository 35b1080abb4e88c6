export { hasPrivilege, OpenmrsUnavailable, Sessions, type User } from './sessions';
export { createGuardedService, Refusal, type GuardedService, type GuardOptions, type RouteGuard } from './service';
