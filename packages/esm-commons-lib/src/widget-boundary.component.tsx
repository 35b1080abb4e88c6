import { Button, InlineNotification } from '@carbon/react';
import { reportError } from '@openmrs/esm-framework';
import { Component, type ReactNode } from 'react';
import { useTranslation } from './translation';

// The framework catches an error per extension and replaces the whole extension (a dashboard, a page)
// with an English sentence. Each widget of ours gets its own boundary instead: a failing widget says
// so in the user's language and offers a retry; the rest of the page stays.

interface BoundaryProps {
  fallback: (retry: () => void) => ReactNode;
  children: ReactNode;
}

class Boundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: Error) {
    reportError(error);
  }

  override render() {
    return this.state.failed ? this.props.fallback(() => this.setState({ failed: false })) : this.props.children;
  }
}

/** Renders `children`, or a message with a retry button if they throw while rendering. */
export function WidgetBoundary({ name, children }: { name: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Boundary
      fallback={(retry) => (
        <div>
          <InlineNotification
            kind="error"
            lowContrast
            hideCloseButton
            title={t('widgetFailed', '{{name}} failed', { name })}
            subtitle={t('widgetFailedDetail', 'The rest of the page still works.')}
          />
          <Button kind="tertiary" size="sm" onClick={retry}>
            {t('tryAgain', 'Try again')}
          </Button>
        </div>
      )}
    >
      {children}
    </Boundary>
  );
}
