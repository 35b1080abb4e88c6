import { Type } from '@openmrs/esm-framework';

export const configSchema = {
  links: {
    registerPatient: {
      _type: Type.String,
      _default: '${openmrsSpaBase}/patient-registration',
      _description:
        'Where "Register a new patient" leads: the registration form (openmrsSpaBase has no trailing slash)',
    },
    searchPatient: {
      _type: Type.String,
      _default: '${openmrsSpaBase}/search',
      _description: 'Where "Search patient" leads: the patient search page',
    },
  },
};

export interface RegistrationConfig {
  links: {
    registerPatient: string;
    searchPatient: string;
  };
}
