import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { t } from '../../../i18n/t';
import { fullName, when } from '../../../ui/format';
import { Loaded, Page, Section } from '../../../ui/Page';
import { ProblemAlert } from '../../../ui/Problem';
import { circleAttendanceQuery, circleMembersQuery, circleQuery, occurrencesQuery } from '../api/circle';
import { joinRequestsQuery, useChangeOccurrence, useDecideJoinRequest, useRecordMeeting, useSetPaymentStatus } from '../api/facilitate';
import type { Mark, Member, PaymentStatus } from '../api/types';
import { describeSchedule } from '../schedule';

const MARKS: Mark[] = ['PRESENT', 'ABSENT', 'EXCUSED'];
const PAYMENT: PaymentStatus[] = ['CURRENT', 'PAST_DUE', 'EXEMPT', 'PAUSED'];

/** A man's name by his id, as far as the route knows it (the members feature's directory), or nothing. */
export type NameOf = (personId: string) => string | undefined;

/** `more`: what the route adds from other features for whoever facilitates this circle (a must-reach message), under the schedule. */
export default function FacilitateCircle({ nameOf = () => undefined, more }: { nameOf?: NameOf; more?: ReactNode }) {
  const { id = '' } = useParams();
  const circle = useQuery(circleQuery(id));
  const members = useQuery(circleMembersQuery(id));
  const figures = useQuery(circleAttendanceQuery(id));
  return (
    <Page title={circle.data?.name ?? t('facilitate.circles')}>
      {circle.data?.schedule && <Typography>{describeSchedule(circle.data.schedule)}</Typography>}
      {more}
      <Loaded query={members}>
        {(page) => (
          <>
            <TakeAttendance circleId={id} members={page.items} streaks={Object.fromEntries((figures.data?.members ?? []).map((m) => [m.personId, m.absenceStreak]))} />
            <Payments circleId={id} members={page.items} />
          </>
        )}
      </Loaded>
      <JoinRequests circleId={id} nameOf={nameOf} />
      <Occurrences circleId={id} />
    </Page>
  );
}

function TakeAttendance({ circleId, members, streaks }: { circleId: string; members: Member[]; streaks: Record<string, number> }) {
  const [marks, setMarks] = useState<Record<string, Mark>>({});
  const [notes, setNotes] = useState('');
  const [startsAt, setStartsAt] = useState(() => {
    const now = new Date();
    now.setMinutes(0, 0, 0);
    return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  });
  const [result, setResult] = useState<string | null>(null);
  const save = useRecordMeeting(circleId, {
    onSuccess: (outcome) => {
      setResult(outcome.sent ? t('facilitate.saved') : t('facilitate.queued'));
      setMarks({});
      setNotes('');
    },
  });
  const complete = members.every((m) => marks[m.personId]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (complete) {
      save.mutate({
        meeting: { startsAt: new Date(startsAt).toISOString(), attendance: members.map((m) => ({ personId: m.personId, status: marks[m.personId] })), notes: notes || null },
        label: t('facilitate.meetingAt') + ' ' + startsAt,
      });
    }
  };
  return (
    <Section title={t('facilitate.take')}>
      <form onSubmit={submit} noValidate aria-label={t('facilitate.take')}>
        <TextField label={t('facilitate.meetingAt')} type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        <List>
          {members.map((m) => (
            <ListItem key={m.personId} sx={{ flexWrap: 'wrap', gap: 1, px: 0 }} data-person={m.personId}>
              <ListItemText
                id={'name-' + m.personId}
                primary={fullName(m)}
                secondary={(streaks[m.personId] ?? 0) >= 2 ? <Chip size="small" color="warning" label={t('facilitate.streak', { n: streaks[m.personId] })} component="span" /> : null}
                sx={{ minWidth: 120 }}
              />
              <ToggleButtonGroup exclusive value={marks[m.personId] ?? null} onChange={(_, v: Mark | null) => v && setMarks({ ...marks, [m.personId]: v })} aria-labelledby={'name-' + m.personId} size="small" color="primary">
                {MARKS.map((mark) => (
                  <ToggleButton key={mark} value={mark} aria-label={`${fullName(m)}: ${t('facilitate.' + mark)}`}>
                    {t('facilitate.' + mark)}
                  </ToggleButton>
                ))}
              </ToggleButtonGroup>
            </ListItem>
          ))}
        </List>
        <TextField label={t('facilitate.notes')} value={notes} onChange={(e) => setNotes(e.target.value)} multiline minRows={2} />
        <ProblemAlert error={save.error} />
        {result && <Alert severity="success" role="status">{result}</Alert>}
        {!complete && <Typography variant="body2" sx={{ mt: 1 }}>{t('facilitate.allMarked')}</Typography>}
        <Button type="submit" variant="contained" disabled={!complete || save.isPending} sx={{ mt: 1 }}>{t('facilitate.save')}</Button>
      </form>
    </Section>
  );
}

function Payments({ circleId, members }: { circleId: string; members: Member[] }) {
  const set = useSetPaymentStatus(circleId);
  return (
    <Section title={t('facilitate.payment')}>
      <ProblemAlert error={set.error} />
      {members.map((m) => (
        <Box key={m.personId} sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
          <Typography sx={{ flexGrow: 1 }}>{fullName(m)}</Typography>
          <TextField select fullWidth={false} sx={{ minWidth: 150 }} label={t('facilitate.payment') + ': ' + fullName(m)} value={m.paymentStatus ?? 'CURRENT'} onChange={(e) => set.mutate({ personId: m.personId, status: e.target.value as PaymentStatus })}>
            {PAYMENT.map((p) => <MenuItem key={p} value={p}>{t('payment.' + p)}</MenuItem>)}
          </TextField>
        </Box>
      ))}
    </Section>
  );
}

function JoinRequests({ circleId, nameOf }: { circleId: string; nameOf: NameOf }) {
  const requests = useQuery(joinRequestsQuery(circleId));
  const decide = useDecideJoinRequest(circleId);
  const name = (personId: string) => nameOf(personId) ?? personId.slice(0, 8);
  return (
    <Section title={t('facilitate.requests')}>
      <ProblemAlert error={decide.error} />
      <Loaded query={requests}>
        {(page) =>
          page.items.length === 0 ? (
            <Typography>{t('facilitate.noRequests')}</Typography>
          ) : (
            <List>
              {page.items.map((r) => (
                <ListItem key={r.id} sx={{ flexWrap: 'wrap', px: 0 }}>
                  <ListItemText primary={name(r.personId)} secondary={[r.status === 'WAITLISTED' ? t('circle.waiting', { n: r.waitlistPosition ?? '?' }) : r.status, r.message].filter(Boolean).join(' · ')} />
                  <Button onClick={() => decide.mutate({ requestId: r.id, approve: true })} disabled={decide.isPending || r.status === 'WAITLISTED'} variant="contained" sx={{ mr: 1 }}>{t('facilitate.approve')}</Button>
                  <Button onClick={() => decide.mutate({ requestId: r.id, approve: false })} disabled={decide.isPending}>{t('facilitate.decline')}</Button>
                </ListItem>
              ))}
            </List>
          )
        }
      </Loaded>
    </Section>
  );
}

function Occurrences({ circleId }: { circleId: string }) {
  const occurrences = useQuery(occurrencesQuery(circleId));
  const [moving, setMoving] = useState<string | null>(null);
  const [start, setStart] = useState('');
  const change = useChangeOccurrence(circleId, { onSuccess: () => setMoving(null) });
  return (
    <Section title={t('facilitate.occurrences')}>
      <ProblemAlert error={change.error} />
      <Loaded query={occurrences}>
        {(page) => (
          <List>
            {page.items.slice(0, 6).map((o) => (
              <ListItem key={o.plannedStart} sx={{ flexWrap: 'wrap', px: 0 }}>
                <ListItemText primary={when(o.start)} secondary={o.cancelled ? t('circle.cancelled') : o.moved ? t('circle.moved') : undefined} />
                {moving === o.plannedStart ? (
                  <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', width: '100%' }}>
                    <TextField type="datetime-local" label={t('facilitate.newStart')} value={start} onChange={(e) => setStart(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
                    <Button variant="contained" disabled={!start} onClick={() => change.mutate({ plannedStart: o.plannedStart, start: new Date(start).toISOString() })}>{t('common.save')}</Button>
                  </Box>
                ) : (
                  !o.cancelled && (
                    <>
                      <Button onClick={() => setMoving(o.plannedStart)}>{t('facilitate.move')}</Button>
                      <Button color="error" onClick={() => change.mutate({ plannedStart: o.plannedStart, cancelled: true })}>{t('facilitate.cancelMeeting')}</Button>
                    </>
                  )
                )}
              </ListItem>
            ))}
          </List>
        )}
      </Loaded>
    </Section>
  );
}
