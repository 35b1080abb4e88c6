import { facilityDay, parseDay } from '@poc-emr/report-engine';
import type { Facility } from '../facilities';
import { Refusal } from '@poc-emr/openmrs-auth';
import type { Context } from '../server';

/** The facility of the user's session location (or of its nearest parent with a facility code). */
export async function sessionFacility(context: Context, locationUuid: string | null): Promise<Facility> {
  const facility = locationUuid ? await context.facilities.ofLocation(locationUuid) : undefined;
  if (!facility) {
    throw new Refusal(403, 'no-facility', 'A localização da sua sessão não é de uma unidade sanitária deste servidor.');
  }
  return facility;
}

/** The day asked for (yyyy-mm-dd), today when none; a malformed day or one after today is refused. */
export function pastDay(asked: string | undefined, futureMessage: string): string {
  const today = facilityDay();
  const date = asked ?? today;
  try {
    parseDay(date);
  } catch {
    throw new Refusal(400, 'bad-date', `Data inválida: ${JSON.stringify(date)} (aaaa-mm-dd).`);
  }
  if (date > today) throw new Refusal(400, 'future-date', futureMessage);
  return date;
}
