import { InlineNotification } from '@carbon/react';
import { problemOf } from './resources/reports.resource';

/** A short notice under what went wrong: the service's message (in Portuguese) for a failed call, or `message`. */
export function Notice({
  title,
  error,
  message,
  kind = 'error',
}: {
  title: string;
  error?: unknown;
  message?: string | null;
  kind?: 'error' | 'warning' | 'success' | 'info';
}) {
  return (
    <InlineNotification
      kind={kind}
      lowContrast
      hideCloseButton
      title={title}
      subtitle={message ?? problemOf(error)?.message ?? ''}
    />
  );
}
