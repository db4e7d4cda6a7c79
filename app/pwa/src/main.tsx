import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError } from './api/problem';
import { App } from './app/App';
import { AuthProvider } from './auth';
import { forgetExpired } from './features/events/offline/retreat';
import { useLanguage } from './i18n/t';
import { startServiceWorker } from './pwa';
import { theme } from './ui/theme';
import './styles.css';

useLanguage(navigator.language);

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A refusal (4xx) is the server's answer: asking again will not change it.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      networkMode: 'always',
    },
    mutations: { networkMode: 'always' },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <QueryClientProvider client={queries}>
        <AuthProvider>
          <App />
        </AuthProvider>
      </QueryClientProvider>
    </ThemeProvider>
  </StrictMode>,
);

startServiceWorker();
// A kept event's roster and emergency contacts leave the device when its retention ends.
void forgetExpired().catch(() => undefined);
