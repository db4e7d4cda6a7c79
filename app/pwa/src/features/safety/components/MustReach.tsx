import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { t } from '../../../i18n/t';
import { Section } from '../../../ui/Page';
import { ProblemAlert } from '../../../ui/Problem';
import { bytes, MAX_TEXT_BYTES, useSendSafetyMessage } from '../api/safetyMessages';

/**
 * A must-reach message to a circle (for its facilitators and admins) or to an event's people, registered men and staff
 * (for its PTMs and admins): a button that opens a short form; once sent, the message's screen shows who has been
 * reached. The server decides who may send; a refusal is shown as any other.
 */
export function MustReach(to: { circleId: string } | { eventId: string }) {
  const forEvent = 'eventId' in to;
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const navigate = useNavigate();
  const message = useSendSafetyMessage({ onSuccess: (sent) => void navigate('/safety-messages/' + sent.id) });
  const size = bytes(text.trim());
  const empty = size === 0;
  const tooLong = size > MAX_TEXT_BYTES;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!empty && !tooLong) {
      message.send(forEvent ? { eventId: to.eventId } : { circleId: to.circleId }, text);
    }
  };
  if (!open) {
    return (
      <Box sx={{ mt: 2 }}>
        <Button variant="outlined" onClick={() => setOpen(true)}>{t('safety.mustReach.open')}</Button>
      </Box>
    );
  }
  return (
    <Section title={t('safety.mustReach.title')}>
      <form onSubmit={submit} noValidate aria-label={t('safety.mustReach.title')}>
        <Typography sx={{ mb: 1.5 }}>{t(forEvent ? 'safety.mustReach.helpEvent' : 'safety.mustReach.help')}</Typography>
        <TextField
          label={t('safety.mustReach.text')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          multiline
          minRows={3}
          fullWidth
          required
          autoFocus
          error={tooLong || (tried && empty)}
          helperText={tooLong ? t('safety.mustReach.tooLong', { n: size }) : tried && empty ? t('safety.mustReach.required') : undefined}
        />
        <ProblemAlert error={message.error} />
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1.5 }}>
          <Button type="submit" variant="contained" disabled={message.isPending || tooLong}>{t(forEvent ? 'safety.mustReach.sendEvent' : 'safety.mustReach.send')}</Button>
          <Button onClick={() => setOpen(false)} disabled={message.isPending}>{t('safety.mustReach.cancel')}</Button>
        </Box>
      </form>
    </Section>
  );
}
