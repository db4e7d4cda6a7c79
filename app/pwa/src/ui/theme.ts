import { createTheme } from '@mui/material/styles';

/** Warm, high-contrast colours (text and buttons pass WCAG AA) and touch targets of at least 44 px. */
export const theme = createTheme({
  palette: {
    primary: { main: '#7a3b12', contrastText: '#ffffff' },
    secondary: { main: '#2f5d50', contrastText: '#ffffff' },
    background: { default: '#fbf7f2', paper: '#ffffff' },
    text: { primary: '#1f1a17', secondary: '#5a4f47' },
    success: { main: '#2e6b34' },
    warning: { main: '#8a5200' },
    error: { main: '#b3261e' },
  },
  shape: { borderRadius: 10 },
  typography: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', h1: { fontSize: '1.6rem', fontWeight: 600 }, h2: { fontSize: '1.25rem', fontWeight: 600 }, h3: { fontSize: '1.05rem', fontWeight: 600 } },
  components: {
    // Where the keyboard is, in every colour: a dark ring outside a white one, on buttons, links styled as buttons, radios and switches.
    MuiButtonBase: { styleOverrides: { root: { '&.Mui-focusVisible': { outline: '2px solid #1f1a17', outlineOffset: 2, boxShadow: '0 0 0 2px #ffffff' } } } },
    // A switch clips what is outside its thumb's circle: its ring goes just inside.
    MuiSwitch: { styleOverrides: { switchBase: { '&.Mui-focusVisible': { outlineOffset: -2 } } } },
    MuiButton: { styleOverrides: { root: { minHeight: 44, textTransform: 'none', fontWeight: 600 } } },
    MuiIconButton: { styleOverrides: { root: { minWidth: 44, minHeight: 44 } } },
    MuiListItemButton: { styleOverrides: { root: { minHeight: 48 } } },
    MuiToggleButton: { styleOverrides: { root: { minHeight: 44, minWidth: 44, textTransform: 'none' } } },
    MuiTab: { styleOverrides: { root: { minHeight: 48, textTransform: 'none' } } },
    MuiTextField: { defaultProps: { fullWidth: true, margin: 'dense' } },
    MuiCheckbox: { styleOverrides: { root: { padding: 10, minWidth: 44, minHeight: 44 } } },
    MuiRadio: { styleOverrides: { root: { padding: 10, minWidth: 44, minHeight: 44 } } },
    // Small fields (selects in lists) stay touchable: 44 px high like everything else.
    MuiOutlinedInput: { styleOverrides: { root: { minHeight: 44 } } },
    // An autocomplete narrows its input's padding: the field a finger taps stays 44 px high all the same.
    MuiAutocomplete: { styleOverrides: { input: { minHeight: 44, boxSizing: 'border-box' } } },
  },
});
