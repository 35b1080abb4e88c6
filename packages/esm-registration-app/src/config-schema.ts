import { Type, validators } from '@openmrs/esm-framework';
import type { AttributeTypes } from './domain/patient-payload';

// Every uuid default is metadata of distro/configuration (a test keeps them in step).

const uuid = (description: string, _default: string) => ({ _type: Type.UUID, _default, _description: description });

export const configSchema = {
  links: {
    registerPatient: {
      _type: Type.String,
      _default: '${openmrsSpaBase}/registo/novo',
      _description: 'Where "Register a new patient" leads: this app\'s form (openmrsSpaBase has no trailing slash)',
    },
    editPatient: {
      _type: Type.String,
      _default: '${openmrsSpaBase}/registo/${patientUuid}/editar',
      _description: "The form for a registered patient's details",
    },
    patientChart: {
      _type: Type.String,
      _default: '${openmrsSpaBase}/patient/${patientUuid}/chart',
      _description: 'Where a patient found or registered is opened',
    },
  },
  nid: {
    identifierTypeUuid: uuid('The NID (SERVICO TARV) identifier type', 'e2b966d0-1d5f-11e0-b929-000c29ad1d07'),
    identifierSourceUuid: uuid(
      "The idgen source that generates the facility's next NID (prefix: the session location's facility code)",
      'fcc7896b-143e-58bd-8fb3-17b00b1ba5ae',
    ),
    allowManualEntry: {
      _type: Type.Boolean,
      _default: true,
      _description: 'Whether a NID given elsewhere (a transfer, a paper record) may be typed in',
    },
  },
  otherIdentifierTypes: {
    _type: Type.Array,
    _elements: { _type: Type.UUID },
    _default: ['e89c8925-35cc-4a29-9002-6b36bf3fd47f', 'e2b9682e-1d5f-11e0-b929-000c29ad1d07'],
    _description: 'Optional identifiers offered on the form (default: NUIC, BI)',
  },
  personAttributes: {
    phone: uuid('Numero de Telefone', 'e2e3fd64-1d5f-11e0-b929-000c29ad1d07'),
    phone2: uuid('Numero de Telefone 2', 'e6c97a9d-a77b-401f-b06e-81900e21ed1d'),
    referencePoint: uuid('Ponto de Referência', 'e944813c-11b1-49f3-b9a5-9fbbd10beec2'),
    confidantName: uuid('Nome do Confidente', 'cff66994-248f-49ed-8cdd-bb0035776080'),
    confidantRelationship: uuid('Parentesco do Confidente', '5d4a21f9-f229-4e9e-940a-58477bc91ab9'),
    confidantPhone: uuid('Telefone do Confidente', 'd32074b2-976c-472b-bc41-093949b2cc1e'),
    hivTestDate: uuid('Data do Teste de HIV', 'ccca840f-02a9-4904-b303-6cb6da569372'),
    hivTestType: uuid('Tipo de Teste de HIV', '3745441b-edc7-4a38-b4a6-88f6e7ae72f2'),
  },
  phonePattern: {
    _type: Type.String,
    _default: '^(\\+?258)?(8[2-7][0-9]{7}|2[0-9]{7})$',
    _description: 'Phone numbers accepted: Mozambican mobile (82–87) or fixed (2x), with or without +258',
  },
  address: {
    fields: {
      _type: Type.Array,
      _elements: { _type: Type.String },
      _default: ['stateProvince', 'countyDistrict', 'address2', 'address6', 'address5'],
      _description: 'Address hierarchy levels shown, top down (Província, Distrito, Posto, Localidade, Bairro)',
    },
  },
  confidantRelationships: {
    _type: Type.Array,
    _elements: { _type: Type.String },
    _default: ['Pai/Mãe', 'Esposo/Esposa', 'Filho/Filha', 'Irmão/Irmã', 'Tio/Tia', 'Avô/Avó', 'Amigo/Amiga', 'Outro'],
    _description: "The confidant's relationship to the patient, as stored",
  },
  hivTest: {
    enabled: { _type: Type.Boolean, _default: false, _description: 'Ask for the date and type of the HIV test' },
    types: {
      _type: Type.Array,
      _elements: { _type: Type.String },
      _default: ['Teste rápido', 'PCR (ADN)', 'Outro'],
      _description: 'HIV test types, as stored',
    },
  },
  duplicates: {
    birthYearTolerance: {
      _type: Type.Number,
      _default: 2,
      _description: 'Years of difference in birth year still shown as a probable duplicate',
      _validators: [validators.inRange(0, 20)],
    },
    minNameSimilarity: {
      _type: Type.Number,
      _default: 0.8,
      _description: 'How alike names must sound (0–1) to be shown as a probable duplicate',
      _validators: [validators.inRange(0, 1)],
    },
    maxResults: { _type: Type.Number, _default: 10, _description: 'Probable duplicates shown at most' },
  },
  search: {
    minCharacters: { _type: Type.Number, _default: 3, _description: 'Letters typed before a name search starts' },
    pageSize: { _type: Type.Number, _default: 10, _description: 'Results per page' },
  },
};

export interface RegistrationConfig {
  links: { registerPatient: string; editPatient: string; patientChart: string };
  nid: { identifierTypeUuid: string; identifierSourceUuid: string; allowManualEntry: boolean };
  otherIdentifierTypes: string[];
  personAttributes: AttributeTypes;
  phonePattern: string;
  address: { fields: string[] };
  confidantRelationships: string[];
  hivTest: { enabled: boolean; types: string[] };
  duplicates: { birthYearTolerance: number; minNameSimilarity: number; maxResults: number };
  search: { minCharacters: number; pageSize: number };
}
