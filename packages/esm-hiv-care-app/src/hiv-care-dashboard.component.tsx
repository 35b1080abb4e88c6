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
  return (
    <>
      <HivSummaryCard patientUuid={patientUuid} detailed />
      <TarvProgramme patientUuid={patientUuid} />
      <HivForms patientUuid={patientUuid} birthDate={patient?.birthDate} />
    </>
  );
}
