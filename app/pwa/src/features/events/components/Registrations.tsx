import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { t } from '../../../i18n/t';
import { when } from '../../../ui/format';
import { Loaded, Page } from '../../../ui/Page';
import { ProblemAlert } from '../../../ui/Problem';
import { useEventsById } from '../api/events';
import { ticketQuery, useAcceptOffer, useCancelRegistration, useMyRegistrations } from '../api/registrations';
import type { Registration } from '../api/types';

export default function Registrations() {
  const registrations = useMyRegistrations();
  const events = useEventsById((registrations.data?.items ?? []).map((r) => r.eventId));
  const [ticket, setTicket] = useState<Registration | null>(null);
  const accept = useAcceptOffer();
  const cancel = useCancelRegistration();
  return (
    <Page title={t('menu.registrations')}>
      <ProblemAlert error={accept.error ?? cancel.error} />
      <Loaded query={registrations}>
        {(page) =>
          page.items.length === 0 ? (
            <Typography>{t('events.none')}</Typography>
          ) : (
            <Stack spacing={2}>
              {page.items.map((r) => {
                const event = events.data?.[r.eventId];
                const open = r.status !== 'CANCELLED' && r.status !== 'EXPIRED';
                const cutoff = event ? new Date(new Date(event.startsAt).getTime() - event.cancellationCutoffHours * 3600_000) : null;
                return (
                  <Card key={r.id} variant="outlined" component="article" aria-label={event?.title ?? r.eventId}>
                    <CardContent>
                      <Typography variant="h2" component="h2">
                        <Link to={'/events/' + r.eventId} style={{ color: 'inherit' }}>{event?.title ?? '…'}</Link>
                      </Typography>
                      {event && <Typography variant="body2">{when(event.startsAt)}</Typography>}
                      <Typography sx={{ fontWeight: 600, mt: 1 }} data-status={r.status}>
                        {t('events.status.' + r.status)}
                        {r.waitlistPosition ? ' · ' + t('events.position', { n: r.waitlistPosition }) : ''}
                      </Typography>
                      {r.status === 'OFFERED' && <Typography>{t('home.offerUntil', { when: when(r.offerUntil) })}</Typography>}
                      {open && cutoff && <Typography variant="body2">{t('events.cutoff', { when: when(cutoff.toISOString()) })}</Typography>}
                    </CardContent>
                    <CardActions sx={{ flexWrap: 'wrap' }}>
                      {r.status === 'OFFERED' && (
                        <Button variant="contained" onClick={() => accept.mutate(r)} disabled={accept.isPending}>{t('home.accept')}</Button>
                      )}
                      {r.status === 'CONFIRMED' && <Button onClick={() => setTicket(r)}>{t('events.ticket')}</Button>}
                      {open && (!cutoff || cutoff > new Date()) && (
                        <Button color="error" onClick={() => cancel.mutate(r)} disabled={cancel.isPending}>{t('events.cancel')}</Button>
                      )}
                    </CardActions>
                  </Card>
                );
              })}
            </Stack>
          )
        }
      </Loaded>
      {ticket && <TicketDialog registration={ticket} onClose={() => setTicket(null)} />}
    </Page>
  );
}

function TicketDialog({ registration, onClose }: { registration: Registration; onClose: () => void }) {
  const ticket = useQuery(ticketQuery(registration));
  return (
    <Dialog open onClose={onClose} aria-labelledby="ticket-title">
      <DialogTitle id="ticket-title">{t('events.ticket')}</DialogTitle>
      <DialogContent>
        <Loaded query={ticket}>
          {(data) => (
            <>
              <img src={data.qrCode.startsWith('data:') ? data.qrCode : 'data:image/png;base64,' + data.qrCode} alt={t('events.ticket')} width={260} height={260} style={{ display: 'block', margin: '0 auto', imageRendering: 'pixelated' }} />
              <Typography variant="body2" sx={{ mt: 1 }}>{t('events.ticketHelp')}</Typography>
            </>
          )}
        </Loaded>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
