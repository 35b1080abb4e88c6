import { Type, validators } from '@openmrs/esm-framework';

export const configSchema = {
  serviceUrl: {
    _type: Type.String,
    _default: '/ws/poc-emr',
    _description: 'The report service, under the OpenMRS base (the gateway routes /openmrs/ws/poc-emr/ to it)',
  },
  links: {
    patientChart: {
      _type: Type.String,
      _default: '${openmrsSpaBase}/patient/${patientUuid}/chart',
      _description: 'Where a patient of a cell or a follow-up list is opened',
    },
  },
  pollSeconds: {
    _type: Type.Number,
    _default: 1,
    _description: "Seconds between two looks at a running report's progress",
    _validators: [validators.inRange(1, 60)],
  },
  pageSize: { _type: Type.Number, _default: 25, _description: 'Patients per page' },
  completenessPeriods: {
    _type: Type.Number,
    _default: 6,
    _description: 'Months (quarters for MER) shown in the SIS-MA completeness view',
    _validators: [validators.inRange(1, 24)],
  },
};

export interface ReportsConfig {
  serviceUrl: string;
  links: { patientChart: string };
  pollSeconds: number;
  pageSize: number;
  completenessPeriods: number;
}
