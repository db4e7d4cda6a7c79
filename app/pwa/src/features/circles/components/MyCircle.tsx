import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { fullName, money, when } from '../../../ui/format';
import { Loaded, Page, Section } from '../../../ui/Page';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { circleAttendanceQuery, circleMembersQuery, useOccurrences } from '../api/circle';
import { useMyCircle } from '../api/circles';
import { myDuesQuery, useDuesCheckout, useDuesPortal } from '../api/dues';
import { myGoalsQuery, useAddGoal } from '../api/goals';
import type { CircleView } from '../api/types';
import { describeSchedule } from '../schedule';

/** His circle; `more` adds, for the circle shown, what other features put on this screen (a route composes them). */
export default function MyCircle({ more }: { more?: (circleId: string) => ReactNode } = {}) {
  const circle = useMyCircle();
  return (
    <Page title={circle.data?.circle?.name ?? t('menu.circle')}>
      <Loaded query={circle}>
        {(data) =>
          data.circle ? (
            <CircleDetails circle={data.circle} more={more} />
          ) : (
            <>
              <Typography>{t('home.noCircle')}</Typography>
              <Button component={Link} to="/circles" variant="contained" sx={{ mt: 2 }}>{t('home.findCircle')}</Button>
            </>
          )
        }
      </Loaded>
    </Page>
  );
}

function CircleDetails({ circle, more }: { circle: CircleView; more?: (circleId: string) => ReactNode }) {
  const { me } = useAuth();
  const members = useQuery(circleMembersQuery(circle.id, { kept: true }));
  const attendance = useQuery(circleAttendanceQuery(circle.id, { kept: true }));
  const occurrences = useOccurrences(circle.id);
  const mine = attendance.data?.members.find((m) => m.personId === me?.person.id);
  return (
    <>
      {circle.description && <Typography>{circle.description}</Typography>}
      <Typography variant="body2" sx={{ mt: 1 }}>
        {t('circle.facilitators', { names: circle.facilitators.map(fullName).join(', ') || '—' })}
      </Typography>
      {circle.location && <Typography variant="body2">{circle.location}</Typography>}
      {circle.videoLink && (
        <Typography variant="body2">
          <a href={circle.videoLink}>{circle.videoLink}</a>
        </Typography>
      )}
      <Button component={Link} to={'/chats/circle/' + circle.id} variant="contained" sx={{ mt: 2 }}>{t('chats.circleChat')}</Button>
      {more?.(circle.id)}
      <Section title={t('circle.members')}>
        <Loaded query={members}>
          {(page) => (
            <List dense>
              {page.items.map((m) => (
                <ListItem
                  key={m.personId}
                  secondaryAction={m.personId !== me?.person.id && (
                    <Button component={Link} to={'/chats/with/' + m.personId} size="small" aria-label={t('chats.messageTo', { name: fullName(m) })}>{t('chats.messageHim')}</Button>
                  )}
                >
                  <ListItemText primary={fullName(m)} />
                </ListItem>
              ))}
            </List>
          )}
        </Loaded>
      </Section>
      <Section title={t('circle.schedule')}>
        {circle.schedule && <Typography>{describeSchedule(circle.schedule)}</Typography>}
        <Loaded query={occurrences}>
          {(page) => (
            <List dense>
              {page.items.slice(0, 6).map((o) => (
                <ListItem key={o.plannedStart}>
                  <ListItemText primary={when(o.start)} secondary={o.cancelled ? t('circle.cancelled') : o.moved ? t('circle.moved') : undefined} />
                </ListItem>
              ))}
            </List>
          )}
        </Loaded>
      </Section>
      <Section title={t('circle.attendance')}>
        <Typography>{mine ? t('circle.rate', { present: mine.present, meetings: mine.meetings }) : '—'}</Typography>
      </Section>
      {circle.dues && circle.dues.amountCents > 0 && <CircleDues circle={circle} myStatus={members.data?.items.find((m) => m.personId === me?.person.id)?.paymentStatus ?? null} />}
      <Goals />
    </>
  );
}

/** His dues: pay them by card (a subscription on Stripe), update the card, see when they are past due. */
function CircleDues({ circle, myStatus }: { circle: CircleView; myStatus: string | null }) {
  const [params] = useSearchParams();
  const dues = useQuery({
    ...myDuesQuery(),
    // Back from Stripe Checkout: asked again until Stripe's word that the subscription is active has arrived.
    refetchInterval: (q) => (params.get('dues') && params.get('dues') !== 'cancelled' && !q.state.data?.items.some((d) => d.circleId === circle.id && d.status === 'ACTIVE') ? 1500 : false),
  });
  const live = dues.data?.items.find((d) => d.circleId === circle.id && (d.status === 'ACTIVE' || d.status === 'PAST_DUE'));
  const subscribe = useDuesCheckout(circle.id, { onSuccess: (checkout) => window.location.assign(checkout.checkoutUrl) });
  const portal = useDuesPortal({ onSuccess: (opened) => window.location.assign(opened.url) });
  const dueText = circle.dues ? money(circle.dues.amountCents, circle.dues.currency) + ' · ' + t('dues.interval.' + circle.dues.interval) : '';
  return (
    <Section title={t('dues.title')}>
      <Typography>{dueText}</Typography>
      {myStatus && <Typography variant="body2">{t('dues.status', { status: t('payment.' + myStatus) })}</Typography>}
      {live?.status === 'PAST_DUE' && <Alert severity="warning" sx={{ mt: 1 }}>{t('dues.pastDue')}</Alert>}
      {live ? (
        <>
          <Typography variant="body2">{t('dues.byCard')}</Typography>
          {live.canUpdateCard && <Button sx={{ mt: 1 }} onClick={() => portal.mutate(live.id)} disabled={portal.isPending}>{t('dues.updateCard')}</Button>}
        </>
      ) : (
        myStatus !== 'EXEMPT' && <Button variant="contained" sx={{ mt: 1 }} onClick={() => subscribe.mutate()} disabled={subscribe.isPending || subscribe.isSuccess}>{t('dues.pay')}</Button>
      )}
      <ProblemAlert error={subscribe.error ?? portal.error} />
    </Section>
  );
}

function Goals() {
  const goals = useQuery(myGoalsQuery());
  const [title, setTitle] = useState('');
  const [shared, setShared] = useState(false);
  const add = useAddGoal({ onSuccess: () => setTitle('') });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ title, visibility: shared ? 'CIRCLE' : 'PRIVATE' });
  };
  return (
    <Section title={t('circle.goals')}>
      <Loaded query={goals}>
        {(page) => (
          <List dense>
            {page.items.map((goal) => (
              <ListItem key={goal.id}>
                <ListItemText primary={goal.title} secondary={[goal.status, goal.percent != null ? goal.percent + '%' : null, goal.visibility === 'CIRCLE' ? t('circle.shareWithCircle') : null].filter(Boolean).join(' · ')} />
              </ListItem>
            ))}
          </List>
        )}
      </Loaded>
      <form onSubmit={submit} noValidate>
        <TextField label={t('circle.goalTitle')} value={title} onChange={(e) => setTitle(e.target.value)} required {...fieldProps(add.error, 'title')} />
        <FormControlLabel control={<Checkbox checked={shared} onChange={(e) => setShared(e.target.checked)} />} label={t('circle.shareWithCircle')} />
        <ProblemAlert error={add.error} />
        <Button type="submit" variant="outlined" disabled={add.isPending}>{t('circle.addGoal')}</Button>
      </form>
    </Section>
  );
}
