import {
  cell,
  DEFAULT_CONFIG_DIR,
  formQuestions,
  readConfiguration,
  readTerms,
  rowsOf,
  uuidOf,
} from '@poc-emr/metadata';
import type { LIST_TERMS, ReportTerm } from '../src';
import type { ChartTerm } from '../src/chart/terms';
import { SUPPRESSED_ANSWERS, TARGETED_REASONS } from '../src/blocks/viral-load';

// The O3 forms of distro/configuration/ampathforms write what the engine reads: for each encounter
// type, the question concepts the blocks, indicators and chart rules look for, with the answers they
// compare against (a form that records the right question with other answers is counted nowhere).

type Term = ReportTerm | ChartTerm | (typeof LIST_TERMS)[number];

/** A question the engine reads, by its concept's term, with the answers it tests for (if coded). */
type Read = [question: Term, answers?: Term[]];

const VIRAL_LOAD: Read[] = [
  ['concept.viralLoad'],
  // "Less than" a value is written with the value in the obs comment, which the forms do not offer.
  ['concept.viralLoadQualitative', SUPPRESSED_ANSWERS.filter((a) => a !== 'concept.viralLoad.belowValue')],
  ['concept.vlRequestReason', [...TARGETED_REASONS]],
];
const FICHA_CLINICA: Read[] = [
  ...VIRAL_LOAD,
  ['concept.labRequest', ['concept.viralLoad', 'concept.cd4Clinical']],
  [
    'concept.dispensationType',
    ['concept.dispenseMode.monthly', 'concept.dispenseMode.quarterly', 'concept.dispenseMode.semiannual'],
  ],
  ['concept.artPlan', ['concept.artPlan.start', 'concept.artPlan.restart']],
  ['concept.therapeuticLine'],
  ['concept.whoStage', ['concept.whoStage.3', 'concept.whoStage.4']],
  ['concept.tbSymptoms', ['concept.yes']],
  ['concept.tbTreatmentStartDate'],
  ['concept.isoniazidStartDate'],
  ['concept.isoniazidEndDate'],
  ['concept.cd4Clinical'],
  ['concept.nextConsultationDate'],
];
const STATE_OF_STAY: Read = [
  'concept.stateOfStayArt',
  ['concept.transferredOut', 'concept.suspended', 'concept.died', 'concept.abandoned'],
];

const READS: Record<string, Read[]> = {
  'encounterType.fichaClinicaAdult': [
    ...FICHA_CLINICA,
    ['concept.pregnant', ['concept.yes']],
    ['concept.weeksPregnant'],
    ['concept.breastfeeding', ['concept.yes']],
    STATE_OF_STAY,
  ],
  'encounterType.fichaClinicaChild': FICHA_CLINICA,
  'encounterType.fichaResumo': [
    ['concept.artStartDate'],
    ['concept.transferredFrom', ['concept.yes']],
    ['concept.transferredFromType', ['concept.art']],
    ['concept.transferInDate'],
    ['concept.whoStage', ['concept.whoStage.3', 'concept.whoStage.4']],
    STATE_OF_STAY,
  ],
  'encounterType.fsr': [...VIRAL_LOAD, ['concept.sampleCollectionDate']],
};

const terms = readTerms(DEFAULT_CONFIG_DIR);
const uuid = (code: string) => terms.get(code)?.uuid ?? `(no term ${code})`;
const config = readConfiguration(DEFAULT_CONFIG_DIR, ['encountertypes', 'ampathforms']);
/** Forms name their encounter type (Initializer looks it up by name). */
const encounterTypeNames = new Map(rowsOf(config, 'encountertypes').map((r) => [uuidOf(r), cell(r, 'Name')]));

describe.each(Object.entries(READS))('the form of %s', (encounterType, reads) => {
  const form = config.ampathForms.find((f) => f.encounter === encounterTypeNames.get(uuid(encounterType)));

  test('is in ampathforms', () => {
    expect(form?.file).toMatch(/^ampathforms\//);
  });

  test.each(reads.map((r) => [r[0], r[1] ?? []] as const))('records %s', (question, answers) => {
    const questions = formQuestions(JSON.parse(form!.json)).filter(
      (q) => q.type === 'obs' && q.questionOptions?.concept === uuid(question),
    );
    expect(questions).toHaveLength(1);
    const offered = (questions[0].questionOptions?.answers ?? []).map((a) => a.concept);
    expect(answers.filter((a) => !offered.includes(uuid(a)))).toEqual([]);
  });
});
