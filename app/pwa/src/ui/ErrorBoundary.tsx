import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { t } from '../i18n/t';

/** A screen that fails to render says so, with a way out, instead of leaving the page blank. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('screen failed', error, info.componentStack);
  }

  componentDidUpdate(previous: { resetKey?: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.error) {
      this.setState({ error: null });
    }
  }

  render() {
    if (this.state.error) {
      return (
        <Alert severity="error" role="alert" sx={{ m: 2 }} action={<Button color="inherit" onClick={() => window.location.assign('/')}>{t('app.back')}</Button>}>
          {t('app.failed')}
        </Alert>
      );
    }
    return this.props.children;
  }
}
