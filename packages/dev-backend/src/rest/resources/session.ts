import type { Row, Sql } from '../../database';
import { userProperties } from '../../auth/login';
import { apiException } from '../../http/errors';
import { noContent, ok } from '../../http/reply';
import { allowedLocales, globalProperty } from '../../settings';
import type { RequestContext } from '../context';
import type { Controller } from '../controller';
import { represent } from '../represent';
import { parsePropertyList, REF } from '../representation';

// SessionController (webservices.rest 2.38+): no sessionId; locale and allowedLocales always.

const USER_REPRESENTATION = {
  kind: 'custom' as const,
  properties: parsePropertyList(
    '(uuid,display,username,systemId,userProperties,person:(uuid,display),privileges:(uuid,display,name),roles:(uuid,display,name),links)',
  ),
};

/** The user's defaultLocale when allowed, else default_locale — what UserContext starts with. */
export async function initialLocale(sql: Sql, userId?: number): Promise<string> {
  const preferred = userId === undefined ? undefined : (await userProperties(sql, userId)).defaultLocale;
  if (preferred && (await allowedLocales(sql)).includes(preferred)) return preferred;
  return globalProperty(sql, 'default_locale', 'en');
}

async function currentProvider(ctx: RequestContext): Promise<Row | undefined> {
  const providers = await ctx.sql.rows(
    'SELECT p.* FROM provider p JOIN users u ON u.person_id = p.person_id WHERE u.user_id = ? AND p.retired = 0',
    [ctx.userId],
  );
  // OpenMRS cannot choose among several provider accounts, and so gives none.
  return providers.length === 1 ? providers[0] : undefined;
}

async function describe(ctx: RequestContext) {
  const session: Record<string, unknown> = {
    authenticated: ctx.userId !== undefined,
    locale: ctx.session.locale ?? (await initialLocale(ctx.sql)),
    allowedLocales: await allowedLocales(ctx.sql),
  };
  if (ctx.userId === undefined) return session;
  const user = await ctx.row('user', ctx.userId);
  const location = await ctx.row('location', ctx.session.locationId);
  const provider = await currentProvider(ctx);
  session.user = user ? await represent(ctx.resource('user'), user, USER_REPRESENTATION, ctx) : null;
  session.sessionLocation = location ? await represent(ctx.resource('location'), location, REF, ctx) : null;
  session.currentProvider = provider ? await represent(ctx.resource('provider'), provider, REF, ctx) : null;
  return session;
}

export const session: Controller = {
  name: 'session',
  handlers: {
    GET: async (ctx) => ok(await describe(ctx)),
    POST: async (ctx, body) => {
      const { locale, sessionLocation } = await body();
      if (locale !== undefined) {
        if (!(await allowedLocales(ctx.sql)).includes(String(locale))) {
          throw apiException(` '${String(locale)}' is not in the list of allowed locales.`);
        }
        ctx.session.locale = String(locale);
      }
      if (sessionLocation !== undefined) {
        ctx.require('Get Locations');
        const [found] = await ctx.sql.rows('SELECT location_id FROM location WHERE uuid = ?', [sessionLocation]);
        if (!found) throw apiException(` '${String(sessionLocation)}' is not the UUID of any location.`);
        ctx.session.locationId = Number(found.location_id);
      }
      return ok(await describe(ctx));
    },
    DELETE: async (ctx) => {
      ctx.backend.sessions.invalidate(ctx.session);
      return noContent();
    },
  },
};
