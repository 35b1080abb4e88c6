import { Type, validators } from '@openmrs/esm-framework';

// Every key has a default; the uuids are those of distro/configuration (a test checks them there).

export const configSchema = {
  serviceUrl: {
    _type: Type.String,
    _default: '/ws/poc-emr',
    _description: 'The report service, under the OpenMRS base (the gateway routes /openmrs/ws/poc-emr/ to it)',
  },
  tarvProgram: {
    uuid: {
      _type: Type.UUID,
      _default: 'efe2481f-9e75-4515-8d5a-86bfde2b5ad3',
      _description: 'SERVICO TARV - TRATAMENTO (programs/)',
    },
    states: {
      active: { _type: Type.UUID, _default: 'c50d6bdc-8a79-43ae-ab45-abbaa6b45e7d' },
      transferredIn: { _type: Type.UUID, _default: 'ef06e6df-6026-4d5a-88f9-b2c3e0495dc8' },
      transferredOut: { _type: Type.UUID, _default: '9f2f86e9-303c-4b98-a6ae-37e8806a6f47' },
      suspended: { _type: Type.UUID, _default: '05cf5297-12ed-4f6b-8c21-70d8ae04e09f' },
      abandoned: { _type: Type.UUID, _default: '06124f77-4a49-49f8-8655-fa1fe5262936' },
      died: { _type: Type.UUID, _default: 'fcad8a57-2a1a-4abd-84b7-935897e4fe06' },
    },
  },
  forms: {
    _type: Type.Array,
    _description:
      'The O3 forms (distro/configuration/ampathforms) the HIV / TARV dashboard offers, by name; ages limit who is offered each',
    _elements: {
      _type: Type.Object,
      name: { _type: Type.String, _description: 'The form name, as in its JSON schema' },
      minAge: { _type: Type.Number, _default: 0 },
      maxAge: { _type: Type.Number, _default: 200 },
    },
    _default: [
      { name: 'Ficha Clínica – Adulto', minAge: 15, maxAge: 200 },
      { name: 'Ficha Clínica – Criança', minAge: 0, maxAge: 14 },
      { name: 'Ficha Resumo', minAge: 0, maxAge: 200 },
      { name: 'FSR – Carga Viral', minAge: 0, maxAge: 200 },
    ],
  },
  draftDays: {
    _type: Type.Number,
    _default: 30,
    _description: 'Days a form draft kept in this browser (lost connection, closed tab) is offered back',
    _validators: [validators.inRange(1, 365)],
  },
};

export interface ProgrammeStates {
  active: string;
  transferredIn: string;
  transferredOut: string;
  suspended: string;
  abandoned: string;
  died: string;
}

export interface HivCareConfig {
  serviceUrl: string;
  tarvProgram: { uuid: string; states: ProgrammeStates };
  forms: Array<{ name: string; minAge: number; maxAge: number }>;
  draftDays: number;
}
