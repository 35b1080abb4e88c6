import { openmrsFetch } from '@openmrs/esm-framework';
import useSWRImmutable from 'swr/immutable';

// The addresshierarchy module's AJAX pages (pinned in the distro): the levels, the entries below a
// path of names, and full addresses matching typed text.

const AJAX = '/module/addresshierarchy/ajax';

export interface AddressLevel {
  name: string;
  addressField: string;
  required?: boolean;
}

async function ajax<T>(page: string): Promise<T> {
  return (await openmrsFetch<T>(`${AJAX}/${page}`)).data;
}

export function useAddressLevels() {
  const { data, error } = useSWRImmutable('getOrderedAddressHierarchyLevels.form', (page: string) =>
    ajax<AddressLevel[]>(page),
  );
  return { levels: data, error };
}

/** Entry names below the path of names above (Moçambique|Maputo Província → its districts). */
export function useChildEntries(path: string[] | null) {
  const key =
    path && path.every(Boolean)
      ? `getChildAddressHierarchyEntries.form?searchString=${encodeURIComponent(path.join('|'))}`
      : null;
  const { data, error, isLoading } = useSWRImmutable(key, (page: string) => ajax<{ name: string }[]>(page));
  return { names: data?.map((e) => e.name) ?? [], error, isLoading };
}

/** Full addresses (names top down) whose names contain every word typed. */
export async function searchFullAddresses(text: string): Promise<string[][]> {
  const found = await ajax<{ address: string }[]>(
    `getPossibleFullAddresses.form?separator=${encodeURIComponent('|')}&searchString=${encodeURIComponent(text)}`,
  );
  return found.map((a) => a.address.split('|'));
}
