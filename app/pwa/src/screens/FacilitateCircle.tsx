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
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api, must } from '../api/client';
import type { Schemas } from '../data';
import { describeSchedule } from '../features/circles/schedule';
import { t } from '../i18n/t';
import { sendOrQueue } from '../offline/actions';
import { fullName, when } from '../ui/format';
import { Loaded, Page, Section } from '../ui/Page';
import { ProblemAlert } from '../ui/Problem';

type Mark = Schemas['Attendance.Status'];
type Member = Schemas['Memberships.Member'];
const MARKS: Mark[] = ['PRESENT', 'ABSENT', 'EXCUSED'];
const PAYMENT: Schemas['Memberships.PaymentStatus'][] = ['CURRENT', 'PAST_DUE', 'EXEMPT', 'PAUSED'];

export default function FacilitateCircle() {
  const { id = '' } = useParams();
  const circle = useQuery({ queryKey: ['circle', id], queryFn: () => must(api.GET('/api/v1/circles/{id}', { params: { path: { id } } })) });
  const members = useQuery({ queryKey: ['circle', id, 'members'], queryFn: () => must(api.GET('/api/v1/circles/{id}/members', { params: { path: { id } } })) });
  const figures = useQuery({ queryKey: ['circle', id, 'attendance'], queryFn: () => must(api.GET('/api/v1/circles/{id}/attendance', { params: { path: { id } } })) });
  return (
    <Page title={circle.data?.name ?? t('facilitate.circles')}>
      {circle.data?.schedule && <Typography>{describeSchedule(circle.data.schedule)}</Typography>}
      <Loaded query={members}>
        {(page) => (
          <>
            <TakeAttendance circleId={id} members={page.items} streaks={Object.fromEntries((figures.data?.members ?? []).map((m) => [m.personId, m.absenceStreak]))} />
            <Payments circleId={id} members={page.items} />
          </>
        )}
      </Loaded>
      <JoinRequests circleId={id} />
      <Occurrences circleId={id} />
    </Page>
  );
}

function TakeAttendance({ circleId, members, streaks }: { circleId: string; members: Member[]; streaks: Record<string, number> }) {
  const queries = useQueryClient();
  const [marks, setMarks] = useState<Record<string, Mark>>({});
  const [notes, setNotes] = useState('');
  const [startsAt, setStartsAt] = useState(() => {
    const now = new Date();
    now.setMinutes(0, 0, 0);
    return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  });
  const [result, setResult] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      sendOrQueue({
        kind: 'attendance',
        method: 'POST',
        path: `/api/v1/circles/${circleId}/meetings`,
        body: { startsAt: new Date(startsAt).toISOString(), attendance: members.map((m) => ({ personId: m.personId, status: marks[m.personId] })), notes: notes || null },
        label: t('facilitate.meetingAt') + ' ' + startsAt,
      }),
    onSuccess: (outcome) => {
      setResult(outcome.sent ? t('facilitate.saved') : t('facilitate.queued'));
      setMarks({});
      setNotes('');
      void queries.invalidateQueries({ queryKey: ['circle', circleId] });
    },
  });
  const complete = members.every((m) => marks[m.personId]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (complete) {
      save.mutate();
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
  const queries = useQueryClient();
  const set = useMutation({
    mutationFn: (v: { personId: string; status: Schemas['Memberships.PaymentStatus'] }) =>
      must(api.PUT('/api/v1/circles/{id}/members/{personId}/payment-status', { params: { path: { id: circleId, personId: v.personId } }, body: { status: v.status } })),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['circle', circleId, 'members'] }),
  });
  return (
    <Section title={t('facilitate.payment')}>
      <ProblemAlert error={set.error} />
      {members.map((m) => (
        <Box key={m.personId} sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
          <Typography sx={{ flexGrow: 1 }}>{fullName(m)}</Typography>
          <TextField select fullWidth={false} sx={{ minWidth: 150 }} label={t('facilitate.payment') + ': ' + fullName(m)} value={m.paymentStatus ?? 'CURRENT'} onChange={(e) => set.mutate({ personId: m.personId, status: e.target.value as Schemas['Memberships.PaymentStatus'] })}>
            {PAYMENT.map((p) => <MenuItem key={p} value={p}>{t('payment.' + p)}</MenuItem>)}
          </TextField>
        </Box>
      ))}
    </Section>
  );
}

function JoinRequests({ circleId }: { circleId: string }) {
  const queries = useQueryClient();
  const requests = useQuery({ queryKey: ['circle', circleId, 'requests'], queryFn: () => must(api.GET('/api/v1/circles/{id}/join-requests', { params: { path: { id: circleId } } })) });
  const people = useQuery({ queryKey: ['members', 'all'], queryFn: () => must(api.GET('/api/v1/members', { params: { query: { size: 200 } } })).catch(() => ({ items: [] })), retry: false });
  const done = () => void queries.invalidateQueries({ queryKey: ['circle', circleId] });
  const decide = useMutation({
    mutationFn: (v: { requestId: string; approve: boolean }): Promise<unknown> =>
      v.approve
        ? must(api.POST('/api/v1/circles/{id}/join-requests/{requestId}/approve', { params: { path: { id: circleId, requestId: v.requestId } } }))
        : must(api.POST('/api/v1/circles/{id}/join-requests/{requestId}/decline', { params: { path: { id: circleId, requestId: v.requestId } } })),
    onSuccess: done,
  });
  const name = (personId: string) => {
    const person = people.data?.items.find((p) => p.id === personId);
    return person ? fullName(person) : personId.slice(0, 8);
  };
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
  const queries = useQueryClient();
  const occurrences = useQuery({
    queryKey: ['circle', circleId, 'occurrences'],
    queryFn: () => must(api.GET('/api/v1/circles/{id}/occurrences', { params: { path: { id: circleId }, query: { from: new Date().toISOString() } } })),
  });
  const [moving, setMoving] = useState<string | null>(null);
  const [start, setStart] = useState('');
  const change = useMutation({
    mutationFn: (v: { plannedStart: string; start?: string; cancelled?: boolean }) =>
      must(api.PUT('/api/v1/circles/{id}/occurrences/{plannedStart}', { params: { path: { id: circleId, plannedStart: v.plannedStart } }, body: { start: v.start ?? null, cancelled: v.cancelled ?? null } })),
    onSuccess: () => {
      setMoving(null);
      void queries.invalidateQueries({ queryKey: ['circle', circleId, 'occurrences'] });
    },
  });
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
