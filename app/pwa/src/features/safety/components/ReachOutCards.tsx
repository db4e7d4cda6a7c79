import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useAuth } from '../../../auth';
import { locale, t } from '../../../i18n/t';
import { when } from '../../../ui/format';
import { Loaded } from '../../../ui/Page';
import { ProblemAlert } from '../../../ui/Problem';
import { useReachOut, useTakeReachOut } from '../api/reachOuts';
import type { ReachOut } from '../api/types';
import { names } from '../lines';

/** His own reach-out, read again every 15 seconds: to whom it went, and who is on it once someone is. */
export function ReachOutStatus({ id }: { id: string }) {
  const reachOut = useReachOut(id);
  return <Loaded query={reachOut}>{(data) => <OwnReachOut reachOut={data} />}</Loaded>;
}

export function OwnReachOut({ reachOut }: { reachOut: ReachOut }) {
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography sx={{ fontWeight: 700 }}>{t('safety.yours', { when: when(reachOut.createdAt) })}</Typography>
        {reachOut.message && <Typography sx={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{t('safety.yourMessage', { message: reachOut.message })}</Typography>}
        <Typography sx={{ mt: 1 }}>
          {reachOut.alerted.length > 0 ? t('safety.sentTo', { names: names(reachOut.alerted, locale()) }) : t('safety.sentToNobody')}
        </Typography>
        {/* Read out when it changes: he hears who took it without looking for it. */}
        <Typography role="status" aria-live="polite" sx={{ mt: 1, fontWeight: reachOut.takenBy ? 700 : 400 }}>
          {reachOut.takenBy ? t('safety.onIt', { name: reachOut.takenBy.name }) : reachOut.alerted.length > 0 ? t('safety.waiting') : ''}
        </Typography>
      </CardContent>
    </Card>
  );
}

/** A reach-out he was alerted to, with "I'm on it" while no one has taken it; a 409 shows who took it first. */
export function AlertedReachOut({ reachOut, action }: { reachOut: ReachOut; action?: ReactNode }) {
  const { me } = useAuth();
  const take = useTakeReachOut();
  const titleId = 'reach-out-' + reachOut.id;
  const takenByMe = reachOut.takenBy && reachOut.takenBy.personId === me?.person.id;
  return (
    <Card variant="outlined" component="article" aria-labelledby={titleId} sx={{ mb: 1.5 }}>
      <CardContent>
        <Typography id={titleId} variant="h3" component="h3" sx={{ fontSize: '1.1rem', fontWeight: 700 }}>{t('safety.from', { name: reachOut.from.name })}</Typography>
        <Typography variant="body2" color="text.secondary">{t('safety.at', { when: when(reachOut.createdAt) })}</Typography>
        <Typography sx={{ mt: 1, whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{reachOut.message ?? t('safety.noMessage')}</Typography>
        {reachOut.alerted.length > 0 && (
          <Typography variant="body2" sx={{ mt: 1 }}>{t('safety.alerted', { names: names(reachOut.alerted, locale()) })}</Typography>
        )}
        <Typography role="status" aria-live="polite" sx={{ mt: 1, fontWeight: 700 }}>
          {takenByMe ? t('safety.takenByYou') : reachOut.takenBy ? t('safety.takenBy', { name: reachOut.takenBy.name }) : t('safety.notTaken')}
        </Typography>
        <ProblemAlert error={take.error} />
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1 }}>
          {!reachOut.takenBy && (
            <Button variant="contained" size="large" onClick={() => take.mutate(reachOut.id)} disabled={take.isPending} aria-label={t('safety.takeFor', { name: reachOut.from.name })}>
              {t('safety.take')}
            </Button>
          )}
          {action}
        </Box>
      </CardContent>
    </Card>
  );
}
