import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Typography from '@mui/material/Typography';
import { t } from '../../../i18n/t';
import { when } from '../../../ui/format';
import { useCrisisLines } from '../api/crisisLines';
import type { CrisisLine } from '../api/types';
import { phoneNumbers, textNumber } from '../lines';

/**
 * His organisation's crisis lines, each number a button that dials it. Shown from the copy on the device at once; the
 * server's answer replaces it when it comes. Without a network it says that what shows is the copy, and from when.
 */
export function CrisisLines() {
  const query = useCrisisLines();
  const data = query.data;
  if (!data) {
    return query.isError || query.isPaused ? (
      <Alert severity="warning" role="alert">{t('safety.noLines')}</Alert>
    ) : (
      <Typography role="status">{t('app.loading')}</Typography>
    );
  }
  return (
    <>
      {(query.isError || query.isPaused) && (
        <Alert severity="info" sx={{ mb: 1 }}>{t('safety.savedOn', { when: when(new Date(query.dataUpdatedAt).toISOString()) })}</Alert>
      )}
      <List aria-label={t('safety.linesTitle')} disablePadding>
        {data.lines.map((line) => (
          <Line key={line.name + (line.phone ?? '') + (line.sms ?? '')} line={line} />
        ))}
      </List>
      {!data.custom && data.note && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>{data.note}</Typography>
      )}
    </>
  );
}

function Line({ line }: { line: CrisisLine }) {
  const numbers = phoneNumbers(line.phone);
  const text = textNumber(line.sms);
  return (
    <ListItem divider disableGutters sx={{ display: 'block', py: 1.5 }}>
      <Typography variant="h3" component="p" sx={{ fontSize: '1.1rem', fontWeight: 700 }}>{line.name}</Typography>
      {line.hours && <Typography variant="body2" color="text.secondary">{line.hours}</Typography>}
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1 }}>
        {numbers.map((number) => (
          <Button key={number.href} variant="contained" size="large" href={number.href} aria-label={t('safety.call', { name: line.name, number: number.label })}>
            {number.label}
          </Button>
        ))}
        {numbers.length === 0 && line.phone && <Typography>{line.phone}</Typography>}
        {text ? (
          <Button variant="outlined" size="large" href={text.href} aria-label={t('safety.text', { name: line.name, how: text.label })}>{text.label}</Button>
        ) : (
          line.sms && <Typography>{line.sms}</Typography>
        )}
      </Box>
      {line.url && (
        <Link href={line.url} target="_blank" rel="noopener noreferrer"
          sx={{ display: 'inline-flex', alignItems: 'center', minHeight: 48, mt: 0.5, overflowWrap: 'anywhere' }}>
          {line.url.replace(/^https:\/\//, '')}
        </Link>
      )}
    </ListItem>
  );
}
