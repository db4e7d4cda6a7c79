import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { t } from '../../../i18n/t';
import { fullName } from '../../../ui/format';
import { Loaded, Page } from '../../../ui/Page';
import { ProblemAlert } from '../../../ui/Problem';
import { openCirclesQuery, useAskToJoin, useAskToMove, useMyCircle, useWithdrawRequest } from '../api/circles';
import { describeSchedule } from '../schedule';

export default function Circles() {
  const mine = useMyCircle();
  const open = useQuery(openCirclesQuery());
  const [notice, setNotice] = useState<string | null>(null);
  const ask = useAskToJoin();
  const withdraw = useWithdrawRequest();
  const move = useAskToMove({ onSuccess: () => setNotice(t('circle.moveAsked')) });
  const current = mine.data?.circle?.id;
  return (
    <Page title={t('menu.circles')}>
      {notice && <Alert severity="success" role="status">{notice}</Alert>}
      <ProblemAlert error={ask.error ?? withdraw.error ?? move.error} />
      <Loaded query={open}>
        {(page) => {
          const circles = page.items.filter((c) => c.id !== current);
          if (circles.length === 0) {
            return <Typography>{t('circle.none')}</Typography>;
          }
          return (
            <Stack spacing={2}>
              {circles.map((circle) => {
                const request = mine.data?.joinRequests.find((r) => r.circleId === circle.id);
                return (
                  <Card key={circle.id} variant="outlined" component="article" aria-label={circle.name}>
                    <CardContent>
                      <Typography variant="h2" component="h2">{circle.name}</Typography>
                      {circle.schedule && <Typography>{describeSchedule(circle.schedule)}</Typography>}
                      {circle.location && <Typography variant="body2">{circle.location}</Typography>}
                      {circle.description && <Typography>{circle.description}</Typography>}
                      <Typography variant="body2">{t('circle.seats', { open: circle.openSeats, capacity: circle.capacity })}</Typography>
                      <Typography variant="body2">{t('circle.facilitators', { names: circle.facilitators.map(fullName).join(', ') || '—' })}</Typography>
                      {request && (
                        <Typography sx={{ mt: 1, fontWeight: 600 }} role="status">
                          {request.status === 'WAITLISTED' ? t('circle.waiting', { n: request.waitlistPosition ?? '?' }) : request.status === 'OFFERED' ? t('circle.offered') : t('circle.pendingRequest')}
                        </Typography>
                      )}
                    </CardContent>
                    <CardActions>
                      {request ? (
                        <Button onClick={() => withdraw.mutate(request)} disabled={withdraw.isPending}>{t('circle.withdraw')}</Button>
                      ) : current ? (
                        <Button onClick={() => move.mutate({ from: current, to: circle.id })} disabled={move.isPending}>{t('circle.askMove')}</Button>
                      ) : (
                        <Button variant="contained" onClick={() => ask.mutate(circle.id)} disabled={ask.isPending}>{t('circle.ask')}</Button>
                      )}
                    </CardActions>
                  </Card>
                );
              })}
            </Stack>
          );
        }}
      </Loaded>
    </Page>
  );
}
