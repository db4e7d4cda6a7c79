import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, must } from '../api/client';
import { useMyCircle } from '../data';
import { describeSchedule } from '../features/circles/schedule';
import { t } from '../i18n/t';
import { fullName } from '../ui/format';
import { Loaded, Page } from '../ui/Page';
import { ProblemAlert } from '../ui/Problem';

export default function Circles() {
  const queries = useQueryClient();
  const mine = useMyCircle();
  const open = useQuery({ queryKey: ['circles', 'open'], queryFn: () => must(api.GET('/api/v1/circles', { params: { query: { openToJoin: true, status: 'ACTIVE', size: 100 } } })) });
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => {
    void queries.invalidateQueries({ queryKey: ['me', 'circle'] });
    void queries.invalidateQueries({ queryKey: ['circles'] });
  };
  const ask = useMutation({
    mutationFn: (id: string) => must(api.POST('/api/v1/circles/{id}/join-requests', { params: { path: { id } }, body: {} })),
    onSuccess: refresh,
  });
  const withdraw = useMutation({
    mutationFn: (r: { circleId: string; id: string }) => must(api.POST('/api/v1/circles/{id}/join-requests/{requestId}/withdraw', { params: { path: { id: r.circleId, requestId: r.id } } })),
    onSuccess: refresh,
  });
  const move = useMutation({
    mutationFn: (to: string) => must(api.POST('/api/v1/circles/{id}/transfer-requests', { params: { path: { id: mine.data!.circle!.id } }, body: { toCircleId: to } })),
    onSuccess: () => {
      setNotice(t('circle.moveAsked'));
      refresh();
    },
  });
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
                        <Button onClick={() => move.mutate(circle.id)} disabled={move.isPending}>{t('circle.askMove')}</Button>
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
