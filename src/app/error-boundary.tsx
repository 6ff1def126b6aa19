import { Component, type ErrorInfo, type ReactNode } from 'react';
import type { Translate } from '../i18n/t';

interface Props {
  /** When this changes (e.g. a new trace), the boundary tries again. */
  resetKey: unknown;
  /** Shown with the error so nothing the student built is lost. */
  scenarioJson: () => string;
  children: ReactNode;
  /** The interface language's translator (the boundary is a class, so it cannot use the hook). */
  t: Translate;
}

interface State {
  error: Error | null;
  key: unknown;
}

/** Never a blank page: shows what went wrong, keeps the scenario, and offers a retry. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.key) return { key: props.resetKey, error: null };
    return null;
  }

  override componentDidCatch(_error: Error, _info: ErrorInfo) {
    // The message is rendered below; nothing else to report.
  }

  override render() {
    const { error } = this.state;
    const { t } = this.props;
    if (!error) return this.props.children;
    return (
      <div className="crash" role="alert">
        <h2>{t('crash.title')}</h2>
        <p>
          <strong>{error.name}:</strong> {error.message}
        </p>
        <p>{t('crash.kept')}</p>
        <button type="button" className="primary" onClick={() => this.setState({ error: null })}>
          {t('crash.retry')}
        </button>
        <details>
          <summary>{t('crash.json')}</summary>
          <pre>{this.props.scenarioJson()}</pre>
        </details>
      </div>
    );
  }
}
