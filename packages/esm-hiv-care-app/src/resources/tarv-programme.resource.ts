import { openmrsFetch, restBaseUrl, useConfig } from '@openmrs/esm-framework';
import useSWR from 'swr';
import type { HivCareConfig } from '../config-schema';

export interface ProgrammeState {
  uuid: string;
  startDate: string;
  endDate: string | null;
  voided: boolean;
  state: { uuid: string; concept: { display: string } };
}

export interface Enrolment {
  uuid: string;
  dateEnrolled: string;
  dateCompleted: string | null;
  location: { uuid: string; display: string } | null;
  program: { uuid: string };
  states: ProgrammeState[];
}

const REPRESENTATION =
  'custom:(uuid,dateEnrolled,dateCompleted,location:(uuid,display),program:(uuid),states:(uuid,startDate,endDate,voided,state:(uuid,concept:(display))))';

/** The patient's TARV (treatment) enrolments, newest first. */
export function useTarvEnrolments(patientUuid: string) {
  const { tarvProgram } = useConfig<HivCareConfig>();
  const url = `${restBaseUrl}/programenrollment?patient=${patientUuid}&v=${REPRESENTATION}`;
  const result = useSWR(url, (u: string) => openmrsFetch<{ results: Enrolment[] }>(u).then((r) => r.data.results));
  return { ...result, enrolments: (result.data ?? []).filter((e) => e.program.uuid === tarvProgram.uuid) };
}

/** The enrolment's current state: its latest unvoided one. */
export function currentState(enrolment: Enrolment): ProgrammeState | undefined {
  return enrolment.states
    .filter((s) => !s.voided)
    .sort((a, b) => a.startDate.localeCompare(b.startDate))
    .at(-1);
}

export async function enrol(
  body: { patient: string; program: string; dateEnrolled: string; location: string | undefined; state: string },
  signal?: AbortSignal,
): Promise<void> {
  await openmrsFetch(`${restBaseUrl}/programenrollment`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: {
      patient: body.patient,
      program: body.program,
      dateEnrolled: body.dateEnrolled,
      location: body.location,
      states: [{ state: body.state, startDate: body.dateEnrolled }],
    },
    signal,
  });
}

/** A transition of the enrolment to `state` on `startDate` (OpenMRS ends the previous state that day). */
export async function changeState(
  enrolmentUuid: string,
  state: string,
  startDate: string,
  signal?: AbortSignal,
): Promise<void> {
  await openmrsFetch(`${restBaseUrl}/programenrollment/${enrolmentUuid}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: { states: [{ state, startDate }] },
    signal,
  });
}

/**
 * Voids the last state, recorded by mistake: OpenMRS opens the one before it again. A terminal state
 * (died) had completed the enrolment, which OpenMRS leaves completed: it is reopened too.
 */
export async function voidState(enrolmentUuid: string, stateUuid: string, terminal: boolean): Promise<void> {
  await openmrsFetch(`${restBaseUrl}/programenrollment/${enrolmentUuid}/state/${stateUuid}`, { method: 'DELETE' });
  if (terminal) {
    await openmrsFetch(`${restBaseUrl}/programenrollment/${enrolmentUuid}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: { dateCompleted: null },
    });
  }
}
