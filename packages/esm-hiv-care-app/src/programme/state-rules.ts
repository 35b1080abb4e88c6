import type { TFunction } from 'i18next';
import type { ProgrammeStates } from '../config-schema';

export type StateName = keyof ProgrammeStates;

/** The states a clinician moves an enrolment to, in the order offered. */
export const STATE_CHANGES: StateName[] = ['active', 'transferredOut', 'suspended', 'abandoned', 'died'];

export function stateLabel(t: TFunction, state: StateName): string {
  const labels: Record<StateName, string> = {
    active: t('stateActive', 'Active in the programme'),
    transferredIn: t('stateTransferredIn', 'Transferred in'),
    transferredOut: t('stateTransferredOut', 'Transferred out'),
    suspended: t('stateSuspended', 'Treatment suspended'),
    abandoned: t('stateAbandoned', 'Abandoned'),
    died: t('stateDied', 'Died'),
  };
  return labels[state];
}

/** What recording the state does to the reports (docs/indicators.md, "Exits"). */
export function stateRule(t: TFunction, state: StateName): string {
  const rules: Record<StateName, string> = {
    active: t(
      'ruleStateActive',
      'The reports count a patient on ART while the drugs of the last pickup last (+28 days PEPFAR, +59 MISAU), whatever the state.',
    ),
    transferredIn: t(
      'ruleStateTransferredIn',
      'Not a new start: left out of TX_NEW and B1; a transfer in during the period (B2). Fill in the Ficha Resumo transfer data.',
    ),
    transferredOut: t(
      'ruleStateTransferredOut',
      'Leaves TX_CURR and B13 when the drugs of the last pickup run out; counted then in TX_ML (transferred) and B5. A later pickup undoes it.',
    ),
    suspended: t(
      'ruleStateSuspended',
      'Leaves TX_CURR and B13 from this date; TX_ML (stopped treatment) and B6. A later pickup undoes it.',
    ),
    abandoned: t(
      'ruleStateAbandoned',
      'The reports do not read this state: interruption and abandonment are counted from the pickups (28 and 59 days).',
    ),
    died: t(
      'ruleStateDied',
      'Leaves TX_CURR and B13 from this date; TX_ML (died) and B8. Ends the enrolment. A later pickup or consultation undoes it.',
    ),
  };
  return rules[state];
}
