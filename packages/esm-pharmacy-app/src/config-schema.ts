import { Type } from '@openmrs/esm-framework';

// What a facility may change: the regimens it dispenses (each a 1088 answer and its drugs), its holidays.
// The defaults are the regimens of the national formulary most facilities dispense; every uuid is a row of
// distro/configuration (src/config.test.ts checks them).

export interface RegimenDrug {
  drugUuid: string;
  name: string;
  /** Units taken per day: the default quantity is this times the days supplied. */
  unitsPerDay: number;
  posology: string;
}

export interface Regimen {
  conceptUuid: string;
  name: string;
  line: number;
  drugs: RegimenDrug[];
}

const drug = (drugUuid: string, name: string, unitsPerDay: number, posology: string): RegimenDrug => ({
  drugUuid,
  name,
  unitsPerDay,
  posology,
});
const ONCE = 'Tomar 1 comp 1 vez por dia';

export const DEFAULT_REGIMENS: Regimen[] = [
  {
    conceptUuid: 'e3f6bb60-e2cf-46cb-a9da-27d634ba8607',
    name: 'TDF+3TC+DTG',
    line: 1,
    drugs: [drug('443a0e53-122d-4712-a8fa-71c092a23663', '[TDF/3TC/DTG] 300/300/50mg', 1, ONCE)],
  },
  {
    conceptUuid: '9dc17c1b-7b6d-488e-a38d-505a7b65ec82',
    name: 'TDF+3TC+EFV',
    line: 1,
    drugs: [drug('15d8350e-7a8e-4d38-9f52-89fecdfbaed7', '[TDF/3TC/EFV] 300/300/600mg', 1, ONCE)],
  },
  {
    conceptUuid: 'af15246d-30b8-4aff-8391-ca2b58e2c88b',
    name: 'ABC+3TC+DTG',
    line: 1,
    drugs: [
      drug('4581372f-f572-448f-a771-7fcecdf44115', '[ABC/3TC] 120/60mg dispersível', 2, 'Tomar 2 comp 1 vez por dia'),
      drug('17b505a0-0b0a-46bd-9fac-c02aaf6512ae', '[DTG] 10mg dispersível', 2, 'Tomar 2 comp 1 vez por dia'),
    ],
  },
  {
    conceptUuid: 'e1dd2f44-1d5f-11e0-b929-000c29ad1d07',
    name: 'AZT+3TC+NVP',
    line: 1,
    drugs: [
      drug('79de6180-3a8d-4771-a256-dfc26933b091', '[AZT/3TC/NVP] 300/150/200mg', 2, 'Tomar 1 comp 2 vezes por dia'),
    ],
  },
  {
    conceptUuid: 'e1da2d30-1d5f-11e0-b929-000c29ad1d07',
    name: 'ABC+3TC+LPV/r',
    line: 2,
    drugs: [
      drug('4581372f-f572-448f-a771-7fcecdf44115', '[ABC/3TC] 120/60mg dispersível', 2, 'Tomar 2 comp 1 vez por dia'),
      drug('7461fed0-e6a4-4e4b-ab28-1af3eb2037fe', '[LPV/r] 100/25mg', 4, 'Tomar 2 comp 2 vezes por dia'),
    ],
  },
];

export const configSchema = {
  regimens: {
    _type: Type.Array,
    _default: DEFAULT_REGIMENS,
    _description: 'Regimens offered when dispensing: the 1088 answer concept, its line and its drugs',
    _elements: { _type: Type.Object },
  },
  idartBridgeUrl: {
    _type: Type.String,
    _default: '/ws/idart',
    _description:
      "The iDART bridge's API under the OpenMRS base (the gateway routes /openmrs/ws/idart/ to it); empty: no iDART",
  },
  reportServiceUrl: {
    _type: Type.String,
    _default: '/ws/poc-emr',
    _description:
      "The report service under the OpenMRS base (the gateway routes /openmrs/ws/poc-emr/ to it): today's and late pickups",
  },
  listPageSize: {
    _type: Type.Number,
    _default: 25,
    _description: "Patients per page of the home's pickup lists",
  },
  drugOrderTypeUuid: {
    _type: Type.UUID,
    _default: '131168f4-15f5-102d-96e4-000c29c2a5d7',
    _description: "The order type of the prescriptions waiting at the pharmacy (OpenMRS's Drug order)",
  },
  holidays: {
    _type: Type.Array,
    _default: [],
    _description: 'Days (yyyy-mm-dd) the pharmacy is closed besides weekends: a next pickup on one is warned about',
    _elements: { _type: Type.String },
  },
};

export interface PharmacyConfig {
  regimens: Regimen[];
  holidays: string[];
  idartBridgeUrl: string;
  reportServiceUrl: string;
  listPageSize: number;
  drugOrderTypeUuid: string;
}
