import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { Link } from 'react-router';
import { useAuth } from '../../auth';
import { useOccurrences } from '../../features/circles/api/circle';
import { useMyCircle } from '../../features/circles/api/circles';
import { LatestAnnouncements } from '../../features/conversations/components/LatestAnnouncements';
import { useComingEvents, useEventsById } from '../../features/events/api/events';
import { useMyRegistrations } from '../../features/events/api/registrations';
import { EventLinks } from '../../features/events/components/EventLinks';
import { OpenPolls } from '../../features/polls/components/OpenPolls';
import { ReachOutButton } from '../../features/safety/components/ReachOutButton';
import { t } from '../../i18n/t';
import { when } from '../../ui/format';
import { Loaded, Page, Section } from '../../ui/Page';

/** The first screen: the way to Reach out, his circle's next meeting, the seats offered him, the newest announcements, the open polls, the coming events and what he has to pay (safety, circles, conversations, polls and events together). */
export default function Home() {
  const { me, can } = useAuth();
  const circle = useMyCircle();
  const registrations = useMyRegistrations();
  const events = useComingEvents(5);
  const occurrences = useOccurrences(circle.data?.circle?.id);
  const mine = registrations.data?.items ?? [];
  const offers = mine.filter((r) => r.status === 'OFFERED');
  const due = mine.filter((r) => r.status === 'PENDING_PAYMENT');
  const titles = useEventsById([...offers, ...due].map((r) => r.eventId));
  const next = occurrences.data?.items.find((o) => !o.cancelled);
  const circleOffers = circle.data?.joinRequests.filter((r) => r.status === 'OFFERED') ?? [];

  return (
    <Page title={t('home.hello', { name: me?.person.firstName ?? '' })}>
      <ReachOutButton />
      {can('circles.join') && (
        <Section title={t('home.nextMeeting')}>
          <Loaded query={circle}>
            {(data) =>
              data.circle ? (
                <Card variant="outlined">
                  <CardContent>
                    <Typography variant="h3" component="p">{data.circle.name}</Typography>
                    <Typography>{next ? when(next.start) : '—'}</Typography>
                    {data.circle.location && <Typography variant="body2">{data.circle.location}</Typography>}
                    <Button component={Link} to="/circle" sx={{ mt: 1 }}>{t('menu.circle')}</Button>
                  </CardContent>
                </Card>
              ) : (
                <Alert severity="info" action={<Button component={Link} to="/circles" color="inherit">{t('home.findCircle')}</Button>}>
                  {t('home.noCircle')}
                </Alert>
              )
            }
          </Loaded>
        </Section>
      )}

      {(offers.length > 0 || circleOffers.length > 0) && (
        <Section title={t('home.offers')}>
          <List>
            {offers.map((offer) => (
              <ListItem key={offer.id} disablePadding><ListItemButton component={Link} to="/registrations">
                <ListItemText primary={titles.data?.[offer.eventId]?.title ?? t('events.status.OFFERED')} secondary={t('home.offerUntil', { when: when(offer.offerUntil) })} />
              </ListItemButton></ListItem>
            ))}
            {circleOffers.map((offer) => (
              <ListItem key={offer.id} disablePadding><ListItemButton component={Link} to="/circles">
                <ListItemText primary={t('circle.offered')} />
              </ListItemButton></ListItem>
            ))}
          </List>
        </Section>
      )}

      <LatestAnnouncements />

      <OpenPolls />

      <Section title={t('home.nextEvents')}>
        <Loaded query={events}>
          {(page) => <EventLinks events={page.items} empty={t('home.noEvents')} />}
        </Loaded>
      </Section>

      {can('events.register') && (
        <Section title={t('home.payments')}>
          {due.length === 0 ? (
            <Typography>{t('home.noPayments')}</Typography>
          ) : (
            <List>
              {due.map((r) => (
                <ListItem key={r.id} disablePadding><ListItemButton component={Link} to="/registrations">
                  <ListItemText primary={titles.data?.[r.eventId]?.title ?? t('events.status.PENDING_PAYMENT')} secondary={t('events.status.PENDING_PAYMENT') + ' · ' + when(r.holdUntil)} />
                </ListItemButton></ListItem>
              ))}
            </List>
          )}
        </Section>
      )}
    </Page>
  );
}
