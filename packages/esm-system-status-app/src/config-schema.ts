import { Type, validators } from '@openmrs/esm-framework';

export const configSchema = {
  serviceUrl: {
    _type: Type.String,
    _default: '/ws/poc-emr',
    _description: 'The report service, under the OpenMRS base (the gateway routes /openmrs/ws/poc-emr/ to it)',
  },
  refreshSeconds: {
    _type: Type.Number,
    _default: 60,
    _description: 'Seconds between two looks at the system status while the page is open',
    _validators: [validators.inRange(10, 3600)],
  },
};

export interface SystemStatusConfig {
  serviceUrl: string;
  refreshSeconds: number;
}
