import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { useMemo } from 'react';
import { t } from '../i18n/t';

let known: string[] | null = null;

/** The zones this browser knows (IANA names), with UTC, which Intl does not list. */
function zones(): string[] {
  if (!known) {
    let listed: string[] = [];
    try {
      listed = Intl.supportedValuesOf('timeZone');
    } catch {
      // An older browser: the list holds the current value and UTC only.
    }
    known = [...new Set([...listed, 'UTC'])];
  }
  return known;
}

const labels = new Map<string, string>();

/** "America/New York (GMT-5)": the name people search for, and the offset today to tell neighbours apart. */
function label(zone: string): string {
  let text = labels.get(zone);
  if (text === undefined) {
    text = zone.replace(/_/g, ' ');
    try {
      const offset = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(new Date()).find((part) => part.type === 'timeZoneName')?.value;
      if (offset) {
        text += ' (' + offset + ')';
      }
    } catch {
      // A zone Intl does not know is shown by its name alone.
    }
    labels.set(zone, text);
  }
  return text;
}

/** A time zone picked from a list, searched as one types ("london", "new york"); errors show under it as on any field. */
export function TimeZoneField({ label: fieldLabel, value, onChange, error, helperText }: {
  label: string;
  value: string;
  onChange: (zone: string) => void;
  error?: boolean;
  helperText?: string;
}) {
  const options = useMemo(() => (value && !zones().includes(value) ? [value, ...zones()] : zones()), [value]);
  return (
    <Autocomplete
      options={options}
      value={value}
      onChange={(_, zone) => onChange(zone)}
      getOptionLabel={label}
      disableClearable
      autoHighlight
      noOptionsText={t('staff.noZone')}
      renderInput={(params) => <TextField {...params} label={fieldLabel} error={error} helperText={helperText} />}
    />
  );
}
