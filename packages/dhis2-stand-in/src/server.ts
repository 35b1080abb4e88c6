import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { parseAdx } from './adx';
import { dhis2Period, isAfterOpenPeriods } from './periods';

// A DHIS2 Web API stand-in, built from DHIS2's documented request and response shapes (docs.dhis2.org,
// Web API "Data values", "ADX data format"; the WebMessage/ImportSummary JSON of 2.38+): what SIS-MA
// would answer our push. It keeps data values in memory and knows only the metadata it is given.

export interface StandInMetadata {
  dataSets: string[];
  orgUnits: string[];
  /** Data element uid → the uids of its category option combos. */
  dataElements: Record<string, string[]>;
  attributeOptionCombos?: string[];
}

export interface StandInOptions {
  metadata: StandInMetadata;
  /** Basic-auth accounts, username → password. */
  users?: Record<string, string>;
  /** Personal access tokens (`Authorization: ApiToken <token>`). */
  tokens?: string[];
  /** The server's clock: periods after the current one are not open for data entry. */
  now?: () => Date;
}

export interface DataValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo: string;
  attributeOptionCombo: string;
  value: string;
}

interface Conflict {
  object: string;
  objects: Record<string, string>;
  value: string;
  errorCode: string;
  property: string;
  indexes: number[];
}

export interface StandIn {
  app: FastifyInstance;
  /** Every value stored, by its key (dataElement, period, orgUnit, categoryOptionCombo, attributeOptionCombo). */
  values: Map<string, DataValue>;
  /** Requests received, for tests: method, url, content type. */
  requests: Array<{ method: string; url: string; contentType: string }>;
  /** The next `count` requests are answered `status` with a gateway's HTML page (a proxy in front of DHIS2). */
  failNext(count: number, status: number): void;
}

const DEFAULT_COMBO = 'HllvX50cXC0';

export function createStandIn(options: StandInOptions): StandIn {
  const { metadata } = options;
  const users = options.users ?? { admin: 'district' };
  const tokens = new Set(options.tokens ?? []);
  const now = options.now ?? (() => new Date());
  const values = new Map<string, DataValue>();
  const requests: StandIn['requests'] = [];
  let failures = { count: 0, status: 503 };

  const app = Fastify({ bodyLimit: 20 * 1024 * 1024 });
  app.addContentTypeParser(['application/adx+xml', 'application/xml+adx'], { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    requests.push({ method: req.method, url: req.url, contentType: String(req.headers['content-type'] ?? '') });
    if (failures.count > 0) {
      failures.count--;
      return reply.code(failures.status).type('text/html').send(`<html><body>${failures.status}</body></html>`);
    }
    if (!authenticated(req.headers.authorization)) {
      return reply
        .code(401)
        .send({ httpStatus: 'Unauthorized', httpStatusCode: 401, status: 'ERROR', message: 'Unauthorized' });
    }
  });

  function authenticated(header: string | undefined): boolean {
    const [scheme, credentials] = (header ?? '').split(' ');
    if (scheme === 'ApiToken') return tokens.has(credentials);
    if (scheme !== 'Basic' || !credentials) return false;
    const [user, ...rest] = Buffer.from(credentials, 'base64').toString('utf8').split(':');
    return Object.hasOwn(users, user) && users[user] === rest.join(':');
  }

  app.get('/api/system/info', async () => ({
    version: '2.40.4',
    revision: 'stand-in',
    systemName: 'SIS-MA (stand-in)',
  }));
  app.get('/api/me', async () => ({ username: 'admin' }));

  app.get('/api/dataValueSets', async (req) => {
    const query = req.query as Record<string, string | undefined>;
    const dataValues = [...values.values()].filter(
      (v) => (!query.period || v.period === query.period) && (!query.orgUnit || v.orgUnit === query.orgUnit),
    );
    return { dataSet: query.dataSet, dataValues };
  });

  app.post('/api/dataValueSets', async (req, reply) => {
    const query = req.query as Record<string, string | undefined>;
    const dryRun = query.dryRun === 'true';
    const strategy = (query.importStrategy ?? 'CREATE_AND_UPDATE').toUpperCase();
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim();
    let set: { dataSet?: string; values: DataValue[] };
    try {
      if (type === 'application/json') set = fromJson(req.body);
      else if (type === 'application/adx+xml' || type === 'application/xml+adx') {
        // ADX names metadata by code unless told otherwise (idScheme); the stand-in knows uids only.
        const byUid = [query.idScheme, query.dataElementIdScheme].some((s) => s?.toUpperCase() === 'UID');
        set = parseAdx(String(req.body), byUid);
      } else {
        return reply.code(415).send({
          httpStatus: 'Unsupported Media Type',
          httpStatusCode: 415,
          status: 'ERROR',
          message: `Content type '${type}' not supported`,
        });
      }
    } catch (error) {
      return reply.code(400).send({
        httpStatus: 'Bad Request',
        httpStatusCode: 400,
        status: 'ERROR',
        message: (error as Error).message,
      });
    }
    const summary = importValues(set, { dryRun, strategy });
    const code = summary.status === 'SUCCESS' ? 200 : 409;
    return reply.code(code).send({
      httpStatus: code === 200 ? 'OK' : 'Conflict',
      httpStatusCode: code,
      status: summary.status === 'SUCCESS' ? 'OK' : summary.status,
      message:
        summary.status === 'SUCCESS'
          ? 'Import was successful.'
          : summary.status === 'ERROR'
            ? 'An error occurred, please check import summary.'
            : 'One more conflicts encountered, please check import summary.',
      response: { responseType: 'ImportSummary', ...summary, importOptions: { dryRun, importStrategy: strategy } },
    });
  });

  function importValues(
    set: { dataSet?: string; values: DataValue[] },
    { dryRun, strategy }: { dryRun: boolean; strategy: string },
  ) {
    const count = { imported: 0, updated: 0, ignored: 0, deleted: 0 };
    const conflicts: Conflict[] = [];
    const conflict = (errorCode: string, property: string, object: string, message: string, index: number) => {
      const same = conflicts.find((c) => c.errorCode === errorCode && c.object === object);
      if (same) same.indexes.push(index);
      else
        conflicts.push({
          object,
          objects: { [property]: object },
          value: message,
          errorCode,
          property,
          indexes: [index],
        });
    };
    if (set.dataSet !== undefined && !metadata.dataSets.includes(set.dataSet)) {
      conflict('E7600', 'dataSet', set.dataSet, `Data set not found or not accessible: \`${set.dataSet}\``, 0);
      count.ignored = set.values.length;
      return summaryOf(
        'ERROR',
        count,
        conflicts,
        set.values.map((_, i) => i),
      );
    }
    const rejected: number[] = [];
    set.values.forEach((v, i) => {
      const problems: Array<[string, string, string, string]> = [];
      const combos = metadata.dataElements[v.dataElement];
      if (!combos) problems.push(['E7610', 'dataElement', v.dataElement, 'Data element not found or not accessible']);
      else if (!combos.includes(v.categoryOptionCombo))
        problems.push([
          'E7613',
          'categoryOptionCombo',
          v.categoryOptionCombo,
          'Category option combo not found or not accessible for writing data',
        ]);
      if (!dhis2Period(v.period)) problems.push(['E7611', 'period', v.period, 'Period not valid']);
      else if (isAfterOpenPeriods(v.period, now()))
        problems.push(['E7641', 'period', v.period, `Period: \`${v.period}\` is after latest open future period`]);
      if (!metadata.orgUnits.includes(v.orgUnit))
        problems.push(['E7612', 'orgUnit', v.orgUnit, 'Organisation unit not found or not accessible']);
      const aocs = [DEFAULT_COMBO, ...(metadata.attributeOptionCombos ?? [])];
      if (!aocs.includes(v.attributeOptionCombo))
        problems.push([
          'E7615',
          'attributeOptionCombo',
          v.attributeOptionCombo,
          'Attribute option combo not found or not accessible for writing data',
        ]);
      if (!/^(0|[1-9]\d*)$/.test(v.value))
        problems.push([
          'E7619',
          'value',
          v.value,
          "Value must match data element's `INTEGER_ZERO_OR_POSITIVE` type constraints",
        ]);
      if (problems.length) {
        for (const [code, property, object, message] of problems)
          conflict(code, property, object, `${message}: \`${object}\``, i);
        count.ignored++;
        rejected.push(i);
        return;
      }
      const key = [v.dataElement, v.period, v.orgUnit, v.categoryOptionCombo, v.attributeOptionCombo].join('/');
      const exists = values.has(key);
      if (strategy === 'DELETE') {
        if (exists) count.deleted++;
        else count.ignored++;
        if (!dryRun) values.delete(key);
        return;
      }
      if ((exists && strategy === 'CREATE') || (!exists && strategy === 'UPDATE')) {
        count.ignored++;
        return;
      }
      if (exists) count.updated++;
      else count.imported++;
      if (!dryRun) values.set(key, v);
    });
    return summaryOf(conflicts.length ? 'WARNING' : 'SUCCESS', count, conflicts, rejected);
  }

  return {
    app,
    values,
    requests,
    failNext(count, status) {
      failures = { count, status };
    },
  };
}

function summaryOf(status: string, importCount: object, conflicts: Conflict[], rejectedIndexes: number[]) {
  return {
    status,
    description: status === 'ERROR' ? 'Import process was aborted' : 'Import process completed successfully',
    importCount,
    conflicts,
    rejectedIndexes,
    dataSetComplete: 'false',
  };
}

/** A DXF2 JSON data value set: period, orgUnit and attributeOptionCombo on the set or on each value. */
function fromJson(body: unknown): { dataSet?: string; values: DataValue[] } {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { dataValues?: unknown }).dataValues)) {
    throw new Error('Invalid JSON payload: dataValues is required');
  }
  const set = body as Record<string, unknown> & { dataValues: Array<Record<string, unknown>> };
  const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
  return {
    dataSet: set.dataSet === undefined ? undefined : text(set.dataSet),
    values: set.dataValues.map((v) => ({
      dataElement: text(v.dataElement),
      period: text(v.period ?? set.period),
      orgUnit: text(v.orgUnit ?? set.orgUnit),
      categoryOptionCombo: text(v.categoryOptionCombo ?? DEFAULT_COMBO),
      attributeOptionCombo: text(v.attributeOptionCombo ?? set.attributeOptionCombo ?? DEFAULT_COMBO),
      value: text(v.value),
    })),
  };
}
