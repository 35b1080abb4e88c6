// The metadata a FILA, a FILT and a Master Card pickup are written with. Every uuid is a row of
// distro/configuration, named there by the term code beside it (test/metadata.test.ts keeps them equal):
// the browser app cannot read the configuration, so the uuids are written once here for both writers.

export const FILA_METADATA = {
  /** encounter type 18 S.TARV: FARMACIA — encounterType.fila */
  encounterType: 'e279133c-1d5f-11e0-b929-000c29ad1d07',
  /** form 130 FILA — form.fila */
  form: '49857ace-1a92-4980-8313-1067714df151',
  /** visit type 8 LEVANTAMENTO DE ARV — visitType.arvPickup */
  visitType: 'b5e7993c-7429-4c63-bb82-a66cd15553b0',
  concepts: {
    /** 1088 REGIME — concept.regimen */
    regimen: 'e1d83e4e-1d5f-11e0-b929-000c29ad1d07',
    /** 1715 QUANTIDADE AVIADA — concept.dispensedQuantity */
    quantity: 'e1de2ca0-1d5f-11e0-b929-000c29ad1d07',
    /** 1711 POSOLOGIA — concept.posology */
    posology: 'e1de28ae-1d5f-11e0-b929-000c29ad1d07',
    /** 5096 DATA DO PROXIMO LEVANTAMENTO — concept.nextPickupDate */
    nextPickup: 'e1e2efd8-1d5f-11e0-b929-000c29ad1d07',
    /** 165174 MODO DE DISPENSA — concept.dispenseMode */
    dispenseMode: '40a9a12b-1205-4a55-bb93-caf15452bf61',
    /** MEDICAMENTO DISPENSADO, one group per drug — concept.drugGroup */
    drugGroup: '5ad593a4-bea2-4eef-ac88-11654e79d9da',
    /** FORMULACAO DO MEDICAMENTO, value = the drug — concept.drugFormulation */
    drugFormulation: '7956cd89-2ef6-4d25-90f9-f8940507eee8',
    /** POSOLOGIA DO MEDICAMENTO — concept.drugPosology */
    drugPosology: 'a46a603e-788d-4edc-9465-5f2fa69f060e',
  },
  /** Answers of 165174 as iDMED sends them: 1098 monthly, 23720 quarterly (DT), 23888 semi-annual (DS). */
  dispenseModes: {
    monthly: 'e1d848f8-1d5f-11e0-b929-000c29ad1d07',
    quarterly: 'f53848d5-3521-4cc8-ac72-d63adef281a1',
    semiannual: '3069be5c-cd02-4ddb-aa1f-bdd71d3dd6be',
  },
} as const;

export const FILT_METADATA = {
  /** encounter type 60 TPT — encounterType.tpt */
  encounterType: '24bd60e2-a1c9-4159-a24f-12af15b77510',
  /** form 171 FILT — form.filt */
  form: '4ce83895-5c0e-4170-b0cc-d3974b54131f',
  concepts: {
    /** 23985 REGIME DE TPT — concept.tptRegimen */
    regimen: '9db4ce3b-4c1c-45dd-905f-c984a052f26e',
    /** 23986 TIPO DE DISPENSA DE TPT — concept.tptDispensationType */
    dispensationType: 'd5c15047-58f3-4eb2-9f98-af82e3531cb5',
    /** 23987 SEGUIMENTO DO TRATAMENTO TPT — concept.tptPatientType */
    patientType: '93603742-1cae-4970-9077-e2b27e46bd7e',
    /** 23988 DATA DO PROXIMO LEVANTAMENTO DE TPT — concept.nextTptDate */
    nextDate: 'b7c246bc-f2b6-49e5-9325-911cdca7a8b3',
  },
  /** Answers of 23987: INICIAR, MANTER, REINICIAR, COMPLETO. */
  patientTypes: {
    start: 'e1d9ef28-1d5f-11e0-b929-000c29ad1d07',
    continue: 'e1d9f036-1d5f-11e0-b929-000c29ad1d07',
    restart: 'e1de1bfc-1d5f-11e0-b929-000c29ad1d07',
    end: 'e1d9facc-1d5f-11e0-b929-000c29ad1d07',
  },
  /** Answers of 23985 — concept.tptRegimen.*: isoniazid, 3HP, 3HP with pyridoxine. */
  regimens: {
    isoniazid: 'e1d43e52-1d5f-11e0-b929-000c29ad1d07',
    '3hp': 'bce7d965-3396-4667-8294-aa5260c26334',
    '3hpPyridoxine': '1b1ffdd8-8410-44ca-b485-613badb2b942',
  },
} as const;

export const MASTER_CARD_PICKUP_METADATA = {
  /** encounter type 52 Levantamento de ARV Master Card — encounterType.masterCardPickup */
  encounterType: 'cce7b2ec-4fc0-4f9e-806d-b1c4ee9577db',
  /** 23866 pickup date — concept.pickupDate */
  pickupDate: '74f6c17f-9819-41da-ba34-5910f67d24d0',
} as const;

export const ENCOUNTER_ROLES = {
  /** Core's "Unknown" role, the one iDART writes FILAs with — encounterRole.unknown */
  unknown: 'a0b03050-c99b-11e0-9572-0800200c9a66',
  /** Farmacêutico — encounterRole.pharmacist */
  pharmacist: 'a96635c5-fe34-5bee-9354-fc75a53d4d92',
} as const;

/** The TARV treatment programme (programme 2) a patient must be active in to be dispensed ARVs — program.tarvTreatment */
export const TARV_PROGRAM = 'efe2481f-9e75-4515-8d5a-86bfde2b5ad3';

/** NID (SERVICO TARV) — identifierType.nid */
export const NID_IDENTIFIER_TYPE = 'e2b966d0-1d5f-11e0-b929-000c29ad1d07';
