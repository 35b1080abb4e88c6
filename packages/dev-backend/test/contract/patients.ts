import crypto from 'node:crypto';
import { Client } from './client';
import { contractSuite, type Suite } from './target';

// The set-up of the suites that write clinical data (clinicalSuite), and new patients, visits and
// encounters for them, made through REST the way the O3 apps make them, so that they run against any
// OpenMRS with our distro. The NID is typed (a transfer-in's, from the 9xxxx block the facility's own
// sequence does not reach this year): generating one needs csaudecore, which a test server may lack.

export const HD_MANHICA = '88d8abfb-572b-541f-908f-a54d685cb021';
/** HD Manhiça's parent location, the district. */
export const MANHICA = 'c7b599c5-d6e4-5814-a23a-62b28a80b06b';
export const CS_CALANGA = '041cb1e5-1385-52ba-920f-9c6d7f44577a';
export const CONSULTA_EXTERNA = '6f36ed07-cd2d-46a0-a7f6-81bc4a5878f4';
/** The chart's encounter types (distro/configuration/encountertypes). */
export const VITALS_ENCOUNTER = '67a71486-1a54-468f-ac3e-7091a9a79584';
export const NOTE_ENCOUNTER = 'd7151f82-c1f3-4152-a605-2f9ea7414a79';
export const PRESCRIPTION_ENCOUNTER = '39da3525-afe4-45ff-8977-c53b7b359158';
export const NID_TYPE = 'e2b966d0-1d5f-11e0-b929-000c29ad1d07';

type Body = Record<string, unknown>;

/** A moment as REST dates are written (yyyy-MM-dd'T'HH:mm:ss.SSSZ), `minutes` from now. */
export function restTime(minutes = 0): string {
  return new Date(Date.now() + minutes * 60_000).toISOString().replace('Z', '+0000');
}

/** A REST date as milliseconds since the epoch. */
export function instant(rest: string): number {
  return Date.parse(rest.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** A suite's target and its admin logged in at HD Manhiça. */
export const clinicalSuite = (): Suite => contractSuite(atHdManhica);

/** Logs `client` in at HD Manhiça, the session location. */
export async function atHdManhica(client: Client): Promise<Client> {
  await client.rest('session', { method: 'POST', body: { sessionLocation: HD_MANHICA } });
  return client;
}

/** Posts `body` to `path` and answers the created object, or throws with what came back. */
export async function created(client: Client, path: string, body: Body): Promise<Body> {
  const response = await client.rest(path, { method: 'POST', body });
  if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Body;
}

/** A new adult patient with an NID; answers their uuid. A NID that happens to be taken is drawn again. */
export async function newPatient(client: Client): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const sequence = `9${crypto.randomInt(10_000).toString().padStart(4, '0')}`;
    const response = await client.rest('patient', {
      method: 'POST',
      body: {
        person: { names: [{ givenName: 'Teresa', familyName: 'Macuácua' }], gender: 'F', birthdate: '1985-02-11' },
        identifiers: [
          {
            identifier: `0110040701/${new Date().getFullYear()}/${sequence}`,
            identifierType: NID_TYPE,
            location: HD_MANHICA,
            preferred: true,
          },
        ],
      },
    });
    if (response.status === 201) return response.body.uuid as string;
    if (attempt === 5)
      throw new Error(`Could not create a patient: ${response.status} ${JSON.stringify(response.body)}`);
  }
}

/** A visit of Consulta Externa; answers its uuid. */
export async function newVisit(client: Client, patient: string, fields: Body = {}): Promise<string> {
  const visit = await created(client, 'visit', {
    patient,
    visitType: CONSULTA_EXTERNA,
    location: HD_MANHICA,
    startDatetime: restTime(-60),
    ...fields,
  });
  return visit.uuid as string;
}

/** An encounter at HD Manhiça ten minutes ago; answers its uuid. */
export async function newEncounter(client: Client, patient: string, type: string, fields: Body = {}): Promise<string> {
  const encounter = await created(client, 'encounter', {
    patient,
    encounterType: type,
    location: HD_MANHICA,
    encounterDatetime: restTime(-10),
    ...fields,
  });
  return encounter.uuid as string;
}
