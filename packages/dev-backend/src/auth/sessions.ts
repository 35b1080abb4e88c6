import crypto from 'node:crypto';

// The servlet HTTP session that REST authentication lives in, keyed by the JSESSIONID cookie. Like
// Tomcat, every request without a cookie gets a session; unlike Tomcat, those that hold no user are
// capped (the least recently used go first), so that cookie-less requests cannot grow memory without
// bound. Sessions that time out are swept at most once a minute.

export const DEFAULT_SESSION_TIMEOUT_MS = 30 * 60_000;
export const DEFAULT_ANONYMOUS_SESSIONS = 10_000;
const SWEEP_INTERVAL_MS = 60_000;

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
  /** In order of last use: a Map keeps insertion order, and a session used is moved to the end. */
  private readonly sessions = new Map<string, Session>();
  private lastSweep = Date.now();

  constructor(
    private readonly timeoutMs = DEFAULT_SESSION_TIMEOUT_MS,
    private readonly maxAnonymous = DEFAULT_ANONYMOUS_SESSIONS,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  create(): Session {
    this.sweep();
    const session = { id: crypto.randomBytes(16).toString('hex').toUpperCase(), lastAccess: Date.now() };
    this.sessions.set(session.id, session);
    if (this.sessions.size > this.maxAnonymous) this.evictAnonymous();
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
    this.sessions.delete(id);
    this.sessions.set(id, session);
    return { session };
  }

  invalidate(session: Session): void {
    this.sessions.delete(session.id);
  }

  private isStale(session: Session): boolean {
    return Date.now() - session.lastAccess > this.timeoutMs;
  }

  /** The oldest sessions come first, so the walk stops at the first one still live. */
  private sweep(): void {
    if (Date.now() - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = Date.now();
    for (const session of this.sessions.values()) {
      if (!this.isStale(session)) break;
      this.sessions.delete(session.id);
    }
  }

  /** Drops the least recently used sessions that hold nothing, down to 90% of the cap. */
  private evictAnonymous(): void {
    let excess = this.sessions.size - Math.floor(this.maxAnonymous * 0.9);
    for (const session of this.sessions.values()) {
      if (excess <= 0) break;
      if (session.userId !== undefined || session.locale !== undefined) continue;
      this.sessions.delete(session.id);
      excess--;
    }
  }
}
