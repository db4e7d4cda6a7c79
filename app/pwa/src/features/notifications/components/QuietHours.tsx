import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { t } from '../../../i18n/t';
import { Loaded, Section } from '../../../ui/Page';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { useAuth } from '../../../auth';
import { YourTimeZone } from './YourTimeZone';
import { useQuietHours, useSetQuietHours } from '../api/preferences';
import type { QuietHours, QuietHoursRequest } from '../api/types';

/** His quiet hours: set, changed, or turned off; what the server answered is said in a status line. */
export function QuietHoursSection() {
  const hours = useQuietHours();
  const [done, setDone] = useState('');
  const save = useSetQuietHours({
    onSuccess: (answer) => setDone(answer.from && answer.to ? t('notifications.quiet.saved', { from: answer.from, to: answer.to }) : t('notifications.quiet.turnedOff')),
  });
  const send = (request: QuietHoursRequest) => {
    setDone('');
    save.mutate(request);
  };
  return (
    <Section title={t('notifications.quiet.title')}>
      <Typography variant="body2">{t('notifications.quiet.help')}</Typography>
      <Loaded query={hours}>
        {(data) => <QuietHoursForm key={[data.from, data.to].join(' ')} hours={data} onSave={send} error={save.error} pending={save.isPending} />}
      </Loaded>
      <Typography role="status" sx={{ color: 'success.main', fontWeight: 500, mt: 1 }}>{done}</Typography>
    </Section>
  );
}

/** The form starts from the server's answer (a new answer starts it again: its key is the answer). */
function QuietHoursForm({ hours, onSave, error, pending }: { hours: QuietHours; onSave: (request: QuietHoursRequest) => void; error: Error | null; pending: boolean }) {
  const [from, setFrom] = useState(hours.from ?? '');
  const [to, setTo] = useState(hours.to ?? '');
  const zone = useAuth().me?.timeZone ?? hours.timeZone;
  const on = Boolean(hours.from && hours.to);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({ from: from || null, to: to || null });
  };
  const time = { inputLabel: { shrink: true } };
  return (
    <form onSubmit={submit} noValidate aria-label={t('notifications.quiet.title')}>
      <Typography sx={{ my: 1 }}>
        {on ? t('notifications.quiet.now', { from: hours.from ?? '', to: hours.to ?? '', zone: zone.replace(/_/g, ' ') }) : t('notifications.quiet.none')}
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 2 }}>
        <Box sx={{ flex: '1 1 130px' }}>
          <TextField type="time" label={t('notifications.quiet.from')} value={from} onChange={(e) => setFrom(e.target.value)} slotProps={time} {...fieldProps(error, 'from')} />
        </Box>
        <Box sx={{ flex: '1 1 130px' }}>
          <TextField type="time" label={t('notifications.quiet.to')} value={to} onChange={(e) => setTo(e.target.value)} slotProps={time} {...fieldProps(error, 'to')} />
        </Box>
      </Box>
      <YourTimeZone zone={zone} />
      <ProblemAlert error={error} />
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 2 }}>
        <Button type="submit" variant="contained" disabled={pending}>{t('notifications.quiet.save')}</Button>
        {on && (
          <Button variant="outlined" onClick={() => onSave({})} disabled={pending}>{t('notifications.quiet.off')}</Button>
        )}
      </Box>
    </form>
  );
}
