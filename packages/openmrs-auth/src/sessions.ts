import crypto from 'node:crypto';

// Who is asking is OpenMRS's answer: the request's session cookie (or Basic credentials) is shown to the
// backend's /ws/rest/v1/session, whose user carries their privileges (those of every role, inherited
// ones included) and the session location. Answers are kept a few seconds, so a page of requests costs
// OpenMRS one session check; a logout is seen when the entry expires.

/** OpenMRS's superuser role: every privilege (UserContext.hasPrivilege). */
const SUPERUSER_ROLE = 'System Developer';

export interface User {
  uuid: string;
  username: string;
  display: string;
  privileges: ReadonlySet<string>;
  superuser: boolean;
  /** The location chosen at login. */
  locationUuid: string | null;
}

export function hasPrivilege(user: User, privilege: string): boolean {
  return user.superuser || user.privileges.has(privilege);
}

/** OpenMRS did not answer: the service cannot tell who is asking. */
export class OpenmrsUnavailable extends Error {}

interface Named {
  name?: string;
  display?: string;
}

interface SessionAnswer {
  authenticated?: boolean;
  user?: { uuid: string; username?: string; display?: string; privileges?: Named[]; roles?: Named[] };
  sessionLocation?: { uuid: string } | null;
}

export class Sessions {
  private readonly cache = new Map<string, { user: User | null; expires: number }>();

  constructor(
    private readonly openmrsUrl: string,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The user of the request's credentials (cookie or Basic), or null when OpenMRS says none. */
  async user(headers: { cookie?: string; authorization?: string }): Promise<User | null> {
    const credentials = openmrsCredentials(headers);
    const { cookie, authorization } = credentials;
    if (!cookie && !authorization) return null;
    const key = crypto
      .createHash('sha256')
      .update(`${cookie}\n${authorization ?? ''}`)
      .digest('hex');
    const cached = this.cache.get(key);
    if (cached && cached.expires > this.now()) return cached.user;
    const user = await this.ask(credentials);
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(key, { user, expires: this.now() + this.ttlMs });
    return user;
  }

  private async ask(headers: Record<string, string>): Promise<User | null> {
    let answer: Response;
    try {
      answer = await fetch(`${this.openmrsUrl}/ws/rest/v1/session`, {
        headers: { ...headers, accept: 'application/json' },
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new OpenmrsUnavailable(`OpenMRS (${this.openmrsUrl}) did not answer: ${(error as Error).message}`);
    }
    // 400: AuthorizationFilter could not read the Basic credentials at all; they identify no one.
    if (answer.status === 400 || answer.status === 401 || answer.status === 403) return null;
    if (!answer.ok) throw new OpenmrsUnavailable(`OpenMRS answered ${answer.status} to the session check`);
    const session = (await answer.json()) as SessionAnswer;
    if (!session.authenticated || !session.user) return null;
    const names = (list: Named[] = []) => new Set(list.map((p) => p.name ?? p.display ?? ''));
    const roles = names(session.user.roles);
    return {
      uuid: session.user.uuid,
      username: session.user.username ?? session.user.display ?? '',
      display: session.user.display ?? session.user.username ?? '',
      privileges: names(session.user.privileges),
      superuser: roles.has(SUPERUSER_ROLE),
      locationUuid: session.sessionLocation?.uuid ?? null,
    };
  }
}

/** Only OpenMRS's own session cookie is passed on, never the browser's other cookies. */
/** What identifies the caller to OpenMRS: the session cookie alone, or Basic credentials. */
export function openmrsCredentials(headers: { cookie?: string; authorization?: string }): {
  cookie?: string;
  authorization?: string;
} {
  const cookie = sessionCookie(headers.cookie);
  const authorization = headers.authorization?.startsWith('Basic ') ? headers.authorization : undefined;
  return { ...(cookie ? { cookie } : {}), ...(authorization ? { authorization } : {}) };
}

function sessionCookie(header: string | undefined): string | undefined {
  const found = (header ?? '')
    .split(';')
    .map((c) => c.trim())
    .find((c) => /^JSESSIONID=[^;\s]+$/.test(c));
  return found;
}
