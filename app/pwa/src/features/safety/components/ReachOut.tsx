import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../api/problem';
import { t } from '../../../i18n/t';
import { Page, Section } from '../../../ui/Page';
import { ProblemAlert } from '../../../ui/Problem';
import { useReachOutNow, useReachOuts } from '../api/reachOuts';
import { bytes, MAX_TEXT_BYTES } from '../api/safetyMessages';
import { AlertedReachOut, OwnReachOut, ReachOutStatus } from './ReachOutCards';
import { CrisisLines } from './CrisisLines';

/** His own reach-outs of the last day stay on the screen: who took it is what he comes back for. */
const RECENT_MS = 24 * 60 * 60 * 1000;

/**
 * Reach out: the crisis lines first (from the device at once, so offline too), then a short message and one button
 * that alerts his facilitators and care team; after sending, to whom it went and who is on it. Below, for a
 * facilitator or care team lead, the men who reached out to him, each with "I'm on it".
 */
export default function ReachOut() {
  const [sent, setSent] = useState<string | null>(null);
  const list = useReachOuts();
  const items = list.data?.items ?? [];
  const recent = items.filter((r) => r.mine && r.id !== sent && r.alerted.length > 0 && Date.now() - Date.parse(r.createdAt) < RECENT_MS);
  const others = items.filter((r) => !r.mine);
  return (
    <Page title={t('safety.reachOut')}>
      <Typography>{t('safety.intro')}</Typography>
      <Section title={t('safety.linesTitle')}>
        <CrisisLines />
      </Section>
      <Section title={t('safety.alertTitle')}>
        {sent ? (
          <ReachOutStatus id={sent} />
        ) : (
          <>
            {recent.map((r) => (
              <Box key={r.id} sx={{ mb: 2 }}><OwnReachOut reachOut={r} /></Box>
            ))}
            <ReachOutForm onSent={setSent} />
          </>
        )}
      </Section>
      {others.length > 0 && (
        <Section title={t('safety.men')}>
          <Typography variant="body2" sx={{ mb: 1 }}>{t('safety.menHelp')}</Typography>
          {others.map((r) => (
            <AlertedReachOut key={r.id} reachOut={r} action={<Button component={Link} to={'/reach-outs/' + r.id}>{t('safety.open')}</Button>} />
          ))}
        </Section>
      )}
    </Page>
  );
}

function ReachOutForm({ onSent }: { onSent: (id: string) => void }) {
  const [message, setMessage] = useState('');
  const reach = useReachOutNow({ onSuccess: (result) => onSent(result.reachOut.id) });
  const size = bytes(message.trim());
  const tooLong = size > MAX_TEXT_BYTES;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!tooLong) {
      reach.send(message);
    }
  };
  const offline = reach.error instanceof ApiError && reach.error.offline;
  return (
    <form onSubmit={submit} noValidate aria-label={t('safety.alertTitle')}>
      <Typography sx={{ mb: 1.5 }}>{t('safety.alertHelp')}</Typography>
      <TextField
        label={t('safety.message')}
        value={message}
        onChange={(e) => setMessage(e.target.value)}
        multiline
        minRows={3}
        fullWidth
        error={tooLong}
        helperText={tooLong ? t('safety.tooLong', { n: size }) : t('safety.messageHelp')}
      />
      {offline ? <Alert severity="warning" role="alert" sx={{ my: 1 }}>{t('safety.offline')}</Alert> : <ProblemAlert error={reach.error} />}
      <Button type="submit" variant="contained" size="large" fullWidth disabled={tooLong || reach.isPending} sx={{ mt: 1.5, py: 1.5 }}>
        {reach.isPending ? t('safety.sending') : t('safety.send')}
      </Button>
    </form>
  );
}
