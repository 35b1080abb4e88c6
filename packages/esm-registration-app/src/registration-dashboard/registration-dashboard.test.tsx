import { render, screen } from '@testing-library/react';
import {
  getDefaultsFromConfigSchema,
  useConfig,
  useSession,
  UserHasAccess,
  type Session,
} from '@openmrs/esm-framework';
import { configSchema, type RegistrationConfig } from '../config-schema';
import RegistrationDashboard from './registration-dashboard.component';

const mockUseConfig = jest.mocked(useConfig<RegistrationConfig>);
const mockUseSession = jest.mocked(useSession);
const mockUserHasAccess = jest.mocked(UserHasAccess);

const session: Session = {
  authenticated: true,
  sessionId: 'session-1',
  sessionLocation: { uuid: '88d8abfb-572b-541f-908f-a54d685cb021', display: 'HD Manhiça', links: [] },
};

/** Lets UserHasAccess show its children only when every privilege it asks for is among `privileges`. */
function grant(...privileges: string[]) {
  mockUserHasAccess.mockImplementation(({ privilege, children }) => {
    const required = Array.isArray(privilege) ? privilege : [privilege];
    return <>{required.every((p) => privileges.includes(p)) ? children : null}</>;
  });
}

beforeEach(() => {
  mockUseConfig.mockReturnValue(getDefaultsFromConfigSchema(configSchema) as RegistrationConfig);
  mockUseSession.mockReturnValue(session);
});

test('shows the heading and the facility of the session', () => {
  grant();
  render(<RegistrationDashboard />);

  expect(screen.getByRole('heading', { name: 'Patient registration' })).toBeInTheDocument();
  expect(screen.getByText('HD Manhiça')).toBeInTheDocument();
});

test('offers registration, leading to the registration form, to users who may add patients', () => {
  grant('Add Patients');
  render(<RegistrationDashboard />);

  expect(screen.getByRole('link', { name: 'Register a new patient' })).toHaveAttribute(
    'href',
    '/openmrs/spa/registo/novo',
  );
  expect(screen.getByRole('searchbox', { name: 'Search patient' })).toBeInTheDocument();
});

test('offers only the search to users who may not add patients', () => {
  grant('Get Patients');
  render(<RegistrationDashboard />);

  expect(screen.queryByRole('link', { name: 'Register a new patient' })).not.toBeInTheDocument();
  expect(screen.getByRole('searchbox', { name: 'Search patient' })).toBeInTheDocument();
});

test('links to the configured form', () => {
  grant('Add Patients');
  const defaults = getDefaultsFromConfigSchema(configSchema) as RegistrationConfig;
  mockUseConfig.mockReturnValue({
    ...defaults,
    links: { ...defaults.links, registerPatient: '${openmrsBase}/registo-mz' },
  });
  render(<RegistrationDashboard />);

  expect(screen.getByRole('link', { name: 'Register a new patient' })).toHaveAttribute('href', '/openmrs/registo-mz');
});

test('shows no facility line before the session has a location', () => {
  grant();
  mockUseSession.mockReturnValue({ authenticated: true, sessionId: 'session-1' });
  render(<RegistrationDashboard />);

  expect(screen.queryByText('HD Manhiça')).not.toBeInTheDocument();
});
