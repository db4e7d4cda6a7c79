import CssBaseline from '@mui/material/CssBaseline';
import { createTheme, ThemeProvider } from '@mui/material/styles';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Console } from './Console';

const theme = createTheme({
  palette: { primary: { main: '#2f3e46' }, secondary: { main: '#7a3b12' }, background: { default: '#f5f6f7' } },
  components: {
    MuiButton: { styleOverrides: { root: { minHeight: 44, textTransform: 'none' } } },
    MuiTextField: { defaultProps: { fullWidth: true, margin: 'dense' } },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <Console />
      </QueryClientProvider>
    </ThemeProvider>
  </StrictMode>,
);
