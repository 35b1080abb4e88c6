import { useCallback, useRef, useState } from 'react';
import { checkDuplicates, identifierHolders, type DuplicateCheck, type ExistingPatient } from '../domain/duplicates';
import { editOperations, newPatientPayload, nidOf, type PatientMapping } from '../domain/patient-payload';
import {
  birthOf,
  validate,
  type Problems,
  type RegistrationValues,
  type ValidationRules,
} from '../domain/registration';
import { randomUuid } from '../domain/uuid';
import type { RegistrationConfig } from '../config-schema';
import {
  applyOperations,
  createPatient,
  fetchPatient,
  generateNid,
  patientExists,
} from '../resources/patient.resource';
import { describeFailure, fetchResults, type CallFailure } from '../resources/rest';

// Saving the form: validation, the duplicate check (a new patient only), the NID, then the writes.
// Whatever fails, the values stay in the form; a retry reuses the patient's uuid and generated NID, so
// a create whose answer was lost is recognised instead of repeated.

export type SaveOutcome = { saved: true; uuid: string } | { saved: false };

interface Options {
  config: RegistrationConfig;
  rules: ValidationRules;
  mapping: PatientMapping;
  /** The patient being edited; none for a registration */
  editing?: string;
}

const fetchPatients = (path: string, signal?: AbortSignal) => fetchResults<ExistingPatient>(path, signal);

/** Server field errors (OpenMRS `fieldErrors`) next to the fields they are about. */
function problemsFromServer(failure: CallFailure, values: RegistrationValues, nid: string): Problems {
  const problems: Problems = {};
  for (const [field, errors] of Object.entries(failure.fieldErrors)) {
    const message = errors.map((e) => e.message).join(' ');
    if (/identifier/i.test(field)) {
      const other = Object.entries(values.otherIdentifiers).find(([, v]) => v && message.includes(v.trim()));
      problems[other && !message.includes(nid) ? `identifier:${other[0]}` : 'nid'] = { code: 'server', message };
    } else if (/name/i.test(field)) problems.givenName = { code: 'server', message };
    else if (/birth/i.test(field)) problems.birthdate = { code: 'server', message };
    else problems[field] = { code: 'server', message };
  }
  return problems;
}

export function useSavePatient({ config, rules, mapping, editing }: Options) {
  const uuid = useRef(editing ?? randomUuid());
  const generatedNid = useRef<string>();
  const createAttempted = useRef(false);
  const [problems, setProblems] = useState<Problems>({});
  const [duplicates, setDuplicates] = useState<DuplicateCheck>();
  const [failure, setFailure] = useState<CallFailure>();
  const [busy, setBusy] = useState(false);
  /** The applicant the user has accepted probable duplicates for */
  const accepted = useRef<string>();

  const save = useCallback(
    async (values: RegistrationValues, acceptProbable = false): Promise<SaveOutcome> => {
      const found = validate(values, rules);
      setProblems(found);
      setFailure(undefined);
      if (Object.keys(found).length > 0) return { saved: false };
      setBusy(true);
      const typedNid = values.nidMode === 'manual' ? nidOf(values) : '';
      const identifiers = [
        typedNid,
        ...config.otherIdentifierTypes.map((t) => values.otherIdentifiers[t]?.trim() ?? ''),
      ];
      const applicant = {
        givenName: values.givenName.trim(),
        middleName: values.middleName.trim(),
        familyName: values.familyName.trim(),
        sex: values.sex,
        birthdate: birthOf(values, rules.today)?.birthdate,
        district: values.address.countyDistrict,
        identifiers,
      };
      const fingerprint = JSON.stringify({ ...applicant, identifiers: undefined });
      if (acceptProbable) accepted.current = fingerprint;
      try {
        if (!createAttempted.current) {
          const check = editing
            ? { exact: await identifierHolders(identifiers, fetchPatients, undefined, editing), probable: [] }
            : await checkDuplicates(applicant, fetchPatients, config.duplicates);
          const probable = accepted.current === fingerprint ? [] : check.probable;
          setDuplicates(check.exact.length > 0 || probable.length > 0 ? { exact: check.exact, probable } : undefined);
          if (check.exact.length > 0 || probable.length > 0) return { saved: false };
        }
        if (editing) {
          await applyOperations(editOperations(await fetchPatient(editing), values, mapping));
          return { saved: true, uuid: editing };
        }
        if (values.nidMode === 'generate' && !generatedNid.current)
          generatedNid.current = await generateNid(config.nid.identifierSourceUuid);
        const nid = nidOf(values, generatedNid.current);
        if (createAttempted.current && (await patientExists(uuid.current))) return { saved: true, uuid: uuid.current };
        createAttempted.current = true;
        await createPatient(newPatientPayload(uuid.current, values, nid, mapping));
        return { saved: true, uuid: uuid.current };
      } catch (error) {
        const described = describeFailure(error);
        // Refused by the server: nothing was written, so the next attempt is a fresh create.
        if (!described.network) createAttempted.current = false;
        const fieldProblems = problemsFromServer(described, values, nidOf(values, generatedNid.current));
        setProblems(fieldProblems);
        setFailure(described);
        return { saved: false };
      } finally {
        setBusy(false);
      }
    },
    [config, rules, mapping, editing],
  );

  return {
    save,
    problems,
    duplicates,
    failure,
    busy,
    generatedNid: generatedNid.current,
    dismissDuplicates: () => setDuplicates(undefined),
  };
}
