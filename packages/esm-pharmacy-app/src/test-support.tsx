// For the component tests: a pharmacist's session at HD Manhiça with the default configuration,
// openmrsFetch sent to msw, and a render with a cache of its own.
import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { getDefaultsFromConfigSchema, useConfig, useSession } from '@openmrs/esm-framework';
import { SWRConfig } from 'swr';
import { sendOpenmrsFetchToNetwork } from '../../../config/jest.openmrs-fetch';
import { configSchema, type PharmacyConfig } from './config-schema';

export const HD_MANHICA = '88d8abfb-572b-541f-908f-a54d685cb021';
export const PHARMACIST_PROVIDER = 'f9badd80-ab76-11e2-9e96-0800200c9a66';

export function mockPharmacistSession(config: Partial<PharmacyConfig> = {}): void {
  sendOpenmrsFetchToNetwork();
  jest.mocked(useConfig).mockReturnValue({
    ...(getDefaultsFromConfigSchema(configSchema) as PharmacyConfig),
    ...config,
  });
  jest.mocked(useSession).mockReturnValue({
    authenticated: true,
    sessionId: 'x',
    sessionLocation: { uuid: HD_MANHICA, display: 'HD Manhiça' },
    currentProvider: { uuid: PHARMACIST_PROVIDER, identifier: 'P1' },
  } as never);
}

/** Carbon's Modal and TextArea measure themselves; jsdom has no ResizeObserver (every browser does). */
export function polyfillResizeObserver(): void {
  window.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

export const renderFresh = (ui: ReactElement) =>
  render(<SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>{ui}</SWRConfig>);
