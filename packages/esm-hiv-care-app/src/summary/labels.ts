import type { TFunction } from 'i18next';
import type { Alert, HivSummary, PatientStatus } from '../resources/hiv-summary.resource';

// What the summary's codes say to a clinician. Each code is spelt out with t() here, once, so the
// translation catalogue is checked against the code.

type Code = PatientStatus['status'];

export function statusLabel(t: TFunction, status: Code): string {
  const labels: Record<Code, string> = {
    active: t('statusActive', 'Active'),
    iit: t('statusIit', 'Interruption in treatment (IIT)'),
    abandoned: t('statusAbandoned', 'Abandoned'),
    'transferred-out': t('statusTransferredOut', 'Transferred out'),
    suspended: t('statusSuspended', 'Treatment suspended'),
    died: t('statusDied', 'Died'),
    'no-pickup': t('statusNoPickup', 'Started ART, no pickup recorded'),
    'not-started': t('statusNotStarted', 'Not on ART'),
  };
  return labels[status];
}

export function artStartSourceLabel(t: TFunction, source: NonNullable<HivSummary['artStart']>['source']): string {
  switch (source) {
    case 'art-plan':
      return t('sourceArtPlan', 'ART plan "start" on a consultation or FILA');
    case 'art-start-date':
      return t('sourceArtStartDate', 'ART start date written on a form');
    case 'programme':
      return t('sourceProgramme', 'TARV programme enrolment');
    case 'fila':
      return t('sourceFila', 'first FILA');
    case 'master-card':
      return t('sourceMasterCard', 'first Master Card pickup');
    default:
      return '';
  }
}

export function mmdLabel(t: TFunction, band: string | null): string {
  if (band === '3-5') return t('mmdQuarterly', 'Quarterly (3–5 months)');
  if (band === '6+') return t('mmdSemiannual', 'Semi-annual (6+ months)');
  if (band === '<3') return t('mmdMonthly', 'Monthly (< 3 months)');
  return '—';
}

export function txMlLabel(t: TFunction, outcome: string | null): string {
  switch (outcome) {
    case 'died':
      return t('txMlDied', 'died');
    case 'transferred':
      return t('txMlTransferred', 'transferred out');
    case 'stopped':
      return t('txMlStopped', 'stopped treatment');
    case 'iit<3':
    case 'iit3-5':
    case 'iit6+':
      return t('txMlIit', 'interruption in treatment');
    default:
      return t('txMlNone', 'not counted');
  }
}

export function pregnancyLabel(t: TFunction, pregnancy: HivSummary['pregnancy']): string {
  if (pregnancy === 'pregnant') return t('pregnant', 'Pregnant');
  if (pregnancy === 'breastfeeding') return t('breastfeeding', 'Breastfeeding');
  return '—';
}

/** The alert's title: what it asks of the clinician. */
export function alertTitle(t: TFunction, alert: Alert): string {
  const clinical: Record<string, string> = {
    'missed-pickup': t('alertMissedPickup', 'Missed ARV pickup'),
    'high-viral-load': t('alertHighViralLoad', 'High viral load: enhanced adherence counselling, repeat the test'),
    'viral-load-due': t('alertViralLoadDue', 'Viral load due'),
    'cd4-due': t('alertCd4Due', 'CD4 due'),
    'no-tb-screening': t('alertNoTbScreening', 'No TB screening at the last consultation'),
    'tpt-eligible': t('alertTptEligible', 'Eligible for TB preventive treatment (TPT)'),
  };
  return clinical[alert.code] ?? t('alertDataQuality', 'Data inconsistency');
}

/** The rule the alert applies, in a sentence (its source is named in the app's README). */
export function alertRule(t: TFunction, alert: Alert): string {
  const rules: Record<string, string> = {
    'missed-pickup': t(
      'ruleMissedPickup',
      'The drugs ran out after the scheduled pickup; faltoso up to 59 days, abandono from 60 (MISAU), IIT after 28 (PEPFAR).',
    ),
    'high-viral-load': t(
      'ruleHighViralLoad',
      'Last result 1000 copies/mL or more: three adherence sessions, then a new viral load 3 months after it (MISAU).',
    ),
    'viral-load-due': t(
      'ruleViralLoadDue',
      '6 months after the ART start, then 12 months after a suppressed result and 3 months after a high one (MISAU).',
    ),
    'cd4-due': t(
      'ruleCd4Due',
      'No CD4 since: new on ART, restart, two high viral loads, WHO stage 3–4, CD4 below 350, or pregnancy (MISAU).',
    ),
    'no-tb-screening': t('ruleNoTbScreening', 'Every consultation asks about TB symptoms (MISAU).'),
    'tpt-eligible': t(
      'ruleTptEligible',
      'On ART, no TPT under way or completed, no active TB or TB symptoms in the last 14 days (MISAU).',
    ),
  };
  return rules[alert.code] ?? dataQualityRule(t, alert.code);
}

function dataQualityRule(t: TFunction, code: string): string {
  const checks: Record<string, string> = {
    EC1: t('ruleEc1', 'EC1: a man recorded as pregnant.'),
    EC2: t('ruleEc2', 'EC2: a man recorded as breastfeeding.'),
    EC3: t('ruleEc3', 'EC3: an ARV pickup after the recorded death.'),
    EC4: t('ruleEc4', 'EC4: a consultation after the recorded death.'),
    EC5: t('ruleEc5', 'EC5: a laboratory record after the recorded death.'),
    EC6: t('ruleEc6', 'EC6: an ARV pickup after the transfer out: update the TARV programme if the patient is back.'),
    EC7: t('ruleEc7', 'EC7: a consultation after the transfer out.'),
    EC8: t('ruleEc8', 'EC8: a laboratory record after the transfer out.'),
    EC9: t('ruleEc9', 'EC9: an ARV pickup after the abandonment was recorded.'),
    EC10: t('ruleEc10', 'EC10: a consultation after the abandonment was recorded.'),
    EC11: t('ruleEc11', 'EC11: a laboratory record after the abandonment was recorded.'),
    EC12: t('ruleEc12', 'EC12: born before 1920.'),
    EC13: t('ruleEc13', 'EC13: the birthdate is in the future.'),
    EC15: t('ruleEc15', 'EC15: the birthdate is after an ARV pickup.'),
    EC16: t('ruleEc16', 'EC16: the birthdate is after a consultation.'),
    EC17: t('ruleEc17', 'EC17: an ARV pickup dated before 1985.'),
    EC18: t('ruleEc18', 'EC18: a consultation dated before 1985.'),
    EC19: t('ruleEc19', 'EC19: a laboratory record dated before 1985.'),
    EC20: t('ruleEc20', 'EC20: consultations or pickups but no TARV programme enrolment.'),
    EC21: t('ruleEc21', 'EC21: the sex is not recorded.'),
    EC22: t('ruleEc22', 'EC22: the birthdate is not recorded.'),
    EC24: t('ruleEc24', 'EC24: consultations or pickups but no Ficha Resumo.'),
    EC25: t('ruleEc25', 'EC25: a quantitative and a qualitative viral load on the same form.'),
    'art-start-after-first-pickup': t(
      'ruleArtStartAfterPickup',
      'The ART start date written on a form is after the first ARV pickup.',
    ),
    'birth-after-art-start': t('ruleBirthAfterArtStart', 'The birthdate is after the ART start.'),
  };
  return checks[code] ?? code;
}
