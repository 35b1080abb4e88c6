import { useMemo } from 'react';
import useSWRImmutable from 'swr/immutable';
import type { IdentifierTypeRule } from '../domain/registration';
import { fetchResults } from './rest';

const TYPE_REP = 'custom:(uuid,name,format,formatDescription)';

/** The identifier types the form offers, with the format each must match, in the order asked for. */
export function useIdentifierTypes(uuids: string[]) {
  const { data, error, isLoading } = useSWRImmutable(`/patientidentifiertype?v=${TYPE_REP}`, (path: string) =>
    fetchResults<IdentifierTypeRule>(path),
  );
  const wanted = uuids.join(',');
  const types = useMemo(
    () =>
      wanted
        .split(',')
        .map((u) => data?.find((t) => t.uuid === u))
        .filter((t): t is IdentifierTypeRule => !!t),
    [data, wanted],
  );
  return { types, error, isLoading };
}
