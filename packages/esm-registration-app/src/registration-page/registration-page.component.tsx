import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { RegistrationForm } from '../registration-form/registration-form.component';
import { localToday } from '../domain/registration';
import { EditPatient } from './edit-patient.component';

/** The page at /registo: /registo/novo registers a patient, /registo/{uuid}/editar edits one. */
export default function RegistrationPage() {
  const today = localToday();
  return (
    <BrowserRouter basename={`${window.spaBase}/registo`}>
      <Routes>
        <Route path="novo" element={<RegistrationForm today={today} />} />
        <Route path=":patientUuid/editar" element={<EditPatient today={today} />} />
      </Routes>
    </BrowserRouter>
  );
}
