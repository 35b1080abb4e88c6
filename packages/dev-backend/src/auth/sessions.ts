import crypto from 'node:crypto';

// The servlet HTTP session that REST authentication lives in, keyed by the JSESSIONID cookie.

export const DEFAULT_SESSION_TIMEOUT_MS = 30 * 60_000;

export interface Session {
  readonly id: string;
  userId?: number;
  /** Java Locale form ("pt", "en_GB"); unset means the user's or the system default. */
  locale?: string;
  locationId?: number;
  lastAccess: number;
}

export type SessionLookup = { session: Session } | { expired: true } | undefined;

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly timeoutMs = DEFAULT_SESSION_TIMEOUT_MS) {}

  create(): Session {
    this.sweep();
    const session = { id: crypto.randomBytes(16).toString('hex').toUpperCase(), lastAccess: Date.now() };
    this.sessions.set(session.id, session);
    return session;
  }

  /** Like Tomcat, an id that names no live session (timed out, invalidated, unknown) is "expired". */
  find(id: string | undefined): SessionLookup {
    if (id === undefined) return undefined;
    const session = this.sessions.get(id);
    if (!session || this.isStale(session)) {
      this.sessions.delete(id);
      return { expired: true };
    }
    session.lastAccess = Date.now();
    return { session };
  }

  invalidate(session: Session): void {
    this.sessions.delete(session.id);
  }

  private isStale(session: Session): boolean {
    return Date.now() - session.lastAccess > this.timeoutMs;
  }

  private sweep(): void {
    for (const session of this.sessions.values()) if (this.isStale(session)) this.sessions.delete(session.id);
  }
}
