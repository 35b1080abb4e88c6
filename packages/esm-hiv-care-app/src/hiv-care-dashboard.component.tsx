import { useTranslation, WidgetBoundary } from '@poc-emr/esm-commons-lib';
import { HivForms } from './forms/hiv-forms.component';
import { TarvProgramme } from './programme/tarv-programme.component';
import HivSummaryCard from './summary/hiv-summary-card.component';

/** The chart's "HIV / TARV" dashboard: the full summary, the TARV programme and the HIV forms. */
export default function HivCareDashboard({
  patientUuid,
  patient,
}: {
  patientUuid: string;
  patient?: { birthDate?: string };
}) {
  const { t } = useTranslation();
  // One extension holds three widgets: each fails alone, in Portuguese (the framework's own boundary
  // would replace the whole dashboard with an English sentence).
  return (
    <>
      <HivSummaryCard patientUuid={patientUuid} detailed />
      <WidgetBoundary name={t('tarvProgramme', 'TARV programme')}>
        <TarvProgramme patientUuid={patientUuid} />
      </WidgetBoundary>
      <WidgetBoundary name={t('hivForms', 'HIV forms')}>
        <HivForms patientUuid={patientUuid} birthDate={patient?.birthDate} />
      </WidgetBoundary>
    </>
  );
}
