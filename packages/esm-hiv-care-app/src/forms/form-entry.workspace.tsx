import { useEffect, useMemo, useState } from 'react';
import { ActionableNotification, InlineLoading, InlineNotification } from '@carbon/react';
import {
  formatDatetime,
  openmrsFetch,
  restBaseUrl,
  useConfig,
  Workspace2,
  type Visit,
  type Workspace2DefinitionProps,
} from '@openmrs/esm-framework';
import { FormEngine } from '@openmrs/esm-form-engine-lib';
import { problemOf, useTranslation } from '@poc-emr/esm-commons-lib';
import useSWR, { useSWRConfig } from 'swr';
import type { HivCareConfig } from '../config-schema';
import { hivSummaryKey, useHivSummary } from '../resources/hiv-summary.resource';
import { discardDraft, draftKey, readDraft, type Draft } from './drafts';
import { registerFormEngineExtensions, setEarlierRecords } from './form-engine-extensions';
import { withValidatorOnEveryQuestion, type FormSchema } from './form-schema';

export interface FormEntryProps {
  /** The form, by uuid (an encounter's form, as the chart's "edit this encounter" passes it) or by name. */
  form: { uuid?: string; name?: string; display?: string };
  /** Edits this encounter instead of recording a new one. */
  encounterUuid?: string;
}

interface ChartGroup {
  patientUuid: string;
  visitContext?: Visit | null;
  mutateVisitContext?: () => void;
}

/**
 * The chart's form-entry workspace (`patient-form-entry-workspace`, as the chart's encounter list opens
 * it): an O3 form (distro/configuration/ampathforms, served by o3forms) in the O3 form engine, with a
 * draft kept in this browser for new forms.
 */
export default function FormEntryWorkspace({
  workspaceProps,
  groupProps,
  closeWorkspace,
}: Workspace2DefinitionProps<FormEntryProps, object, ChartGroup>) {
  const { t } = useTranslation();
  const { draftDays, serviceUrl } = useConfig<HivCareConfig>();
  const { mutate } = useSWRConfig();
  const { form, encounterUuid } = workspaceProps!;
  const { patientUuid, visitContext, mutateVisitContext } = groupProps!;
  const reference = form.uuid ?? form.name ?? '';
  const { data: schema, error } = useSWR(`${restBaseUrl}/o3/forms/${encodeURIComponent(reference)}`, (url: string) =>
    openmrsFetch<FormSchema>(url).then((r) => r.data),
  );
  const { data: summary } = useHivSummary(patientUuid);
  const [dirty, setDirty] = useState(false);
  const [draft, setDraft] = useState<Draft | null | undefined>(undefined);
  const key = schema ? draftKey(patientUuid, schema.uuid) : '';

  useEffect(registerFormEngineExtensions, []);
  useEffect(() => setEarlierRecords(patientUuid, summary), [patientUuid, summary]);
  useEffect(() => {
    if (schema && draft === undefined) setDraft(encounterUuid ? null : readDraft(key, draftDays));
  }, [schema, draft, encounterUuid, key, draftDays]);

  const formJson = useMemo(
    () =>
      schema && !encounterUuid
        ? withValidatorOnEveryQuestion(schema, {
            type: 'pocDraft',
            key,
            draft: { patientUuid, formUuid: schema.uuid, formName: schema.name },
          })
        : schema,
    [schema, encounterUuid, key, patientUuid],
  );

  const saved = () => {
    if (key) discardDraft(key);
    mutateVisitContext?.();
    void mutate(hivSummaryKey(serviceUrl, patientUuid));
    void mutate((k) => typeof k === 'string' && k.includes(`/encounter`), undefined, { revalidate: true });
    void closeWorkspace({ discardUnsavedChanges: true });
  };

  return (
    <Workspace2 title={schema?.name ?? form.display ?? form.name ?? ''} hasUnsavedChanges={dirty}>
      {error ? (
        <InlineNotification
          kind="error"
          lowContrast
          hideCloseButton
          title={t('formFailed', 'The form could not be opened')}
          subtitle={problemOf(error)?.message}
        />
      ) : null}
      {!formJson || draft === undefined ? (
        error ? null : (
          <InlineLoading description={t('loading', 'Loading…')} />
        )
      ) : (
        <>
          {draft ? (
            <ActionableNotification
              kind="info"
              inline
              lowContrast
              hideCloseButton
              title={t('draftRestored', 'Draft restored')}
              subtitle={t('draftOf', 'Answers kept in this browser on {{date}}; check them before saving.', {
                date: formatDatetime(new Date(draft.savedAt)),
              })}
              actionButtonLabel={t('discardDraft', 'Discard the draft')}
              onActionButtonClick={() => {
                discardDraft(key);
                setDraft(null);
              }}
            />
          ) : null}
          <FormEngine
            key={draft ? draft.savedAt : 'blank'}
            formJson={formJson}
            patientUUID={patientUuid}
            encounterUUID={encounterUuid}
            visit={visitContext ?? undefined}
            preFilledQuestions={draft?.values as Record<string, string> | undefined}
            markFormAsDirty={setDirty}
            handleClose={() => void closeWorkspace()}
            onSubmit={saved}
          />
        </>
      )}
    </Workspace2>
  );
}
