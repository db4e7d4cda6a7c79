import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';

/** Renders a screen as main.tsx does: with its own query cache, which does not ask again after a failure. */
export function renderScreen(screen: ReactNode) {
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<QueryClientProvider client={queries}>{screen}</QueryClientProvider>);
}
