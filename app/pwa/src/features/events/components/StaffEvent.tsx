import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import jsQR from 'jsqr';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useOrganisation } from '../../../api/organisation';
import { ApiError } from '../../../api/problem';
import { t } from '../../../i18n/t';
import { isOnline, useOnline } from '../../../offline/status';
import { when } from '../../../ui/format';
import { Loaded, Page, Section } from '../../../ui/Page';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { TimeZoneField } from '../../../ui/TimeZoneField';
import { eventQuery, eventTypesQuery, useSaveEvent } from '../api/events';
import { keptEventQuery, useForgetKept, useKeepOffline } from '../api/kept';
import { eventKeys } from '../api/keys';
import {
  attendanceQuery, careTeamsQuery, eventPaymentsQuery, eventRegistrationsQuery, rosterQuery, sendCheckIn, staffQuery, useAssignCareTeams, usePlaceInCareTeam,
} from '../api/staff';
import type { EventRequest, EventView, Question } from '../api/types';
import { checkTicket, keptEvent, markCheckedIn } from '../offline/retreat';
import { instantOf, localIn, startingZone } from '../../../ui/wallClock';

/** An event its staff run; `more` is what the route adds from other features (a must-reach message to its people). */
export default function StaffEvent({ more }: { more?: ReactNode }) {
  const { id } = useParams();
  const event = useQuery({ ...eventQuery(id), enabled: Boolean(id) });
  const [tab, setTab] = useState(0);
  if (!id) {
    return (
      <Page title={t('staff.create')}>
        <NewEvent />
      </Page>
    );
  }
  return (
    <Page title={event.data?.title ?? t('staff.events')} actions={<Button component={Link} to={'/chats/event/' + id} variant="outlined">{t('chats.staffChat')}</Button>}>
      {more}
      <Tabs value={tab} onChange={(_, v) => setTab(v)} variant="scrollable" aria-label={t('staff.events')}>
        <Tab label={t('staff.checkIn')} />
        <Tab label={t('staff.registrations')} />
        <Tab label={t('staff.careTeams')} />
        <Tab label={t('staff.edit')} />
      </Tabs>
      <Loaded query={event}>
        {(data) => (
          <>
            {tab === 0 && <CheckIn event={data} />}
            {tab === 1 && <RegistrationsList event={data} />}
            {tab === 2 && <CareTeams event={data} />}
            {tab === 3 && <EventForm event={data} />}
          </>
        )}
      </Loaded>
    </Page>
  );
}

/** The form once the organisation's zone is known, for the times are typed in it; if it cannot be read, in the phone's zone. */
function NewEvent() {
  const organisation = useOrganisation();
  return (
    <Loaded query={{ data: startingZone(organisation.data?.timeZone), error: null, isPending: organisation.isPending }}>
      {(zone) => <EventForm zone={zone} />}
    </Loaded>
  );
}

function EventForm({ event, zone }: { event?: EventView; zone?: string }) {
  const navigate = useNavigate();
  const types = useQuery(eventTypesQuery());
  const [form, setForm] = useState({
    type: event?.type ?? 'WORKSHOP', title: event?.title ?? '', description: event?.description ?? '', startsAt: event ? localIn(event.startsAt, event.timeZone) : '', endsAt: event ? localIn(event.endsAt, event.timeZone) : '',
    timeZone: event?.timeZone ?? startingZone(zone), venue: event?.venue ?? '', capacity: event?.capacity ?? 20, visibility: event?.visibility ?? 'MEMBERS',
  });
  const [questions, setQuestions] = useState<Question[]>(event?.questions.map((q) => ({ kind: q.kind, label: q.label, required: q.required, choices: q.choices })) ?? []);
  const [waivers, setWaivers] = useState(event?.waivers.map((w) => ({ title: w.title, body: w.body })) ?? []);
  const [prices, setPrices] = useState(event?.priceOptions.map((p) => ({ ...p })) ?? []);
  const save = useSaveEvent(event?.id, { onSuccess: (saved) => navigate('/staff/' + saved.id) });
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: EventRequest = {
      ...form, description: form.description || null, venue: form.venue || null, capacity: Number(form.capacity),
      startsAt: instantOf(form.startsAt, form.timeZone), endsAt: instantOf(form.endsAt, form.timeZone),
      questions, waivers, priceOptions: prices.map((p) => ({ ...p, amountCents: Number(p.amountCents), instalments: p.instalments && p.instalments > 1 ? Number(p.instalments) : null })),
    };
    save.mutate(body);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={event ? t('staff.edit') : t('staff.create')}>
      <TextField select label={t('staff.type')} value={form.type} onChange={set('type')} {...fieldProps(save.error, 'type')}>
        {(types.data?.items ?? [{ code: form.type, name: form.type }]).map((ty) => <MenuItem key={ty.code} value={ty.code}>{ty.name}</MenuItem>)}
      </TextField>
      <TextField label={t('staff.title')} value={form.title} onChange={set('title')} required {...fieldProps(save.error, 'title')} />
      <TextField label={t('staff.description')} value={form.description} onChange={set('description')} multiline minRows={2} {...fieldProps(save.error, 'description')} />
      {/* The zone first: the start and end below are its local times. */}
      <TimeZoneField label={t('staff.timeZone')} value={form.timeZone} onChange={(timeZone) => setForm({ ...form, timeZone })} {...fieldProps(save.error, 'timeZone')} />
      <TextField label={t('staff.starts')} type="datetime-local" value={form.startsAt} onChange={set('startsAt')} slotProps={{ inputLabel: { shrink: true } }} required {...fieldProps(save.error, 'startsAt')} />
      <TextField label={t('staff.ends')} type="datetime-local" value={form.endsAt} onChange={set('endsAt')} slotProps={{ inputLabel: { shrink: true } }} required {...fieldProps(save.error, 'endsAt')} />
      <TextField label={t('staff.venue')} value={form.venue} onChange={set('venue')} {...fieldProps(save.error, 'venue')} />
      <TextField label={t('staff.capacity')} type="number" value={form.capacity} onChange={set('capacity')} {...fieldProps(save.error, 'capacity')} />
      <TextField select label={t('staff.visibility')} value={form.visibility} onChange={set('visibility')}>
        <MenuItem value="MEMBERS">{t('staff.MEMBERS')}</MenuItem>
        <MenuItem value="PUBLIC">{t('staff.PUBLIC')}</MenuItem>
      </TextField>

      <Section title={t('events.questions')}>
        {questions.map((q, i) => (
          <Box key={i} sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
            <TextField label={t('staff.label')} value={q.label} onChange={(e) => setQuestions(questions.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))} sx={{ flex: '2 1 200px' }} />
            <TextField select label={t('staff.kind')} value={q.kind} onChange={(e) => setQuestions(questions.map((x, j) => (j === i ? { ...x, kind: e.target.value as Question['kind'] } : x)))} sx={{ flex: '1 1 100px' }}>
              {['TEXT', 'CHOICE', 'YES_NO', 'DATE'].map((k) => <MenuItem key={k} value={k}>{k}</MenuItem>)}
            </TextField>
            {q.kind === 'CHOICE' && <TextField label={t('staff.choices')} value={(q.choices ?? []).join(', ')} onChange={(e) => setQuestions(questions.map((x, j) => (j === i ? { ...x, choices: e.target.value.split(',').map((c) => c.trim()).filter(Boolean) } : x)))} />}
            <FormControlLabel label={t('staff.required')} control={<Checkbox checked={Boolean(q.required)} onChange={(e) => setQuestions(questions.map((x, j) => (j === i ? { ...x, required: e.target.checked } : x)))} />} />
          </Box>
        ))}
        <Button onClick={() => setQuestions([...questions, { kind: 'TEXT', label: '', required: false, choices: [] }])}>{t('staff.addQuestion')}</Button>
      </Section>
      <Section title={t('events.waivers')}>
        {waivers.map((w, i) => (
          <Box key={i}>
            <TextField label={t('staff.waiverTitle')} value={w.title} onChange={(e) => setWaivers(waivers.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))} />
            <TextField label={t('staff.waiverBody')} value={w.body} multiline minRows={3} onChange={(e) => setWaivers(waivers.map((x, j) => (j === i ? { ...x, body: e.target.value } : x)))} />
          </Box>
        ))}
        <Button onClick={() => setWaivers([...waivers, { title: '', body: '' }])}>{t('staff.addWaiver')}</Button>
      </Section>
      <Section title={t('events.price')}>
        {prices.map((p, i) => (
          <Box key={i} sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            <TextField label={t('staff.code')} value={p.code} onChange={(e) => setPrices(prices.map((x, j) => (j === i ? { ...x, code: e.target.value } : x)))} sx={{ flex: '1 1 80px' }} />
            <TextField label={t('staff.priceName')} value={p.name} onChange={(e) => setPrices(prices.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} sx={{ flex: '2 1 120px' }} />
            <TextField label={t('staff.amountCents')} type="number" value={p.amountCents} onChange={(e) => setPrices(prices.map((x, j) => (j === i ? { ...x, amountCents: Number(e.target.value) } : x)))} sx={{ flex: '1 1 80px' }} />
            <TextField label={t('staff.currency')} value={p.currency} onChange={(e) => setPrices(prices.map((x, j) => (j === i ? { ...x, currency: e.target.value.toUpperCase() } : x)))} sx={{ flex: '1 1 60px' }} />
            <TextField label={t('staff.instalments')} type="number" value={p.instalments ?? 1} onChange={(e) => setPrices(prices.map((x, j) => (j === i ? { ...x, instalments: Number(e.target.value) } : x)))} sx={{ flex: '1 1 60px' }} />
          </Box>
        ))}
        <Button onClick={() => setPrices([...prices, { code: 'STANDARD', name: 'Standard', amountCents: 0, currency: 'GBP' }])}>{t('staff.addPrice')}</Button>
      </Section>
      <ProblemAlert error={save.error} />
      <Button type="submit" variant="contained" disabled={save.isPending} sx={{ mt: 2 }}>{t('staff.save')}</Button>
    </form>
  );
}

function RegistrationsList({ event }: { event: EventView }) {
  const roster = useQuery(rosterQuery(event.id));
  const registrations = useQuery(eventRegistrationsQuery(event.id));
  const teams = useQuery(careTeamsQuery(event.id));
  const place = usePlaceInCareTeam(event.id);
  const positions = Object.fromEntries((registrations.data?.items ?? []).map((r) => [r.id, r.waitlistPosition]));
  const payments = useQuery({ ...eventPaymentsQuery(event.id), enabled: event.priceOptions.some((p) => p.amountCents > 0) });
  const paymentOf = (registrationId: string) => payments.data?.items.find((p) => p.registrationId === registrationId && (p.status === 'PAID' || p.status === 'REFUND_DUE'));
  const paymentText = (registrationId: string) => {
    const p = paymentOf(registrationId);
    if (!p) return '';
    const plan = p.instalments > 1 ? ' · ' + t('pay.plan', { paid: p.instalmentsPaid, of: p.instalments }) : '';
    return ' · ' + t('pay.status.' + p.status) + plan + (p.planStatus && p.planStatus !== 'ACTIVE' ? ' · ' + t('pay.planStatus.' + p.planStatus) : '');
  };
  return (
    <Section title={t('staff.registrations')}>
      <Typography>{event.confirmed} / {event.capacity} · {t('events.status.WAITLISTED')}: {event.waitlisted}</Typography>
      <ProblemAlert error={place.error} />
      <Loaded query={roster}>
        {(data) => (
          <List dense>
            {data.entries.map((r) => (
              <ListItem key={r.registrationId} sx={{ flexWrap: 'wrap', gap: 1, px: 0 }}>
                <ListItemText
                  primary={r.firstName + ' ' + r.lastName}
                  secondary={t('events.status.' + r.status) + (positions[r.registrationId] ? ' #' + positions[r.registrationId] : '') + paymentText(r.registrationId) + (r.checkedInAt ? ' · ✓ ' + when(r.checkedInAt) : '')}
                />
                {r.status === 'CONFIRMED' && (teams.data?.teams.length ?? 0) > 0 && (
                  <TextField select fullWidth={false} sx={{ minWidth: 150 }} label={t('staff.careTeams') + ': ' + r.firstName + ' ' + r.lastName}
                    value={r.careTeamId ?? ''} onChange={(e) => place.mutate({ registrationId: r.registrationId, careTeamId: e.target.value })}>
                    <MenuItem value="">—</MenuItem>
                    {teams.data?.teams.map((team) => <MenuItem key={team.id} value={team.id}>{team.name}</MenuItem>)}
                  </TextField>
                )}
              </ListItem>
            ))}
          </List>
        )}
      </Loaded>
    </Section>
  );
}

function CareTeams({ event }: { event: EventView }) {
  const teams = useQuery(careTeamsQuery(event.id));
  const staff = useQuery(staffQuery(event.id));
  const assign = useAssignCareTeams(event.id);
  return (
    <>
      <Section title={t('staff.staffList')}>
        <Loaded query={staff}>
          {(page) => (
            <List dense>
              {page.items.map((m) => (
                <ListItem key={m.personId}>
                  <ListItemText primary={m.firstName + ' ' + m.lastName} secondary={m.role === 'CUSTOM' ? m.customRole : m.role} />
                </ListItem>
              ))}
            </List>
          )}
        </Loaded>
      </Section>
      <Section title={t('staff.careTeams')}>
        <Button onClick={() => assign.mutate()} disabled={assign.isPending}>{t('staff.assign')}</Button>
        <ProblemAlert error={assign.error} />
        <Loaded query={teams}>
          {(data) => (
            <>
              {data.warnings.map((w) => <Alert key={w} severity="warning">{w}</Alert>)}
              <Typography>{t('staff.unassigned', { n: data.unassigned })}</Typography>
              <List dense>
                {data.teams.map((team) => (
                  <ListItem key={team.id}>
                    <ListItemText primary={team.name} secondary={`${team.size}${data.participantsPerStaff ? ' / ' + data.participantsPerStaff : ''}${team.overRatio ? ' · ' + t('staff.ratio') + '!' : ''}`} />
                  </ListItem>
                ))}
              </List>
            </>
          )}
        </Loaded>
      </Section>
    </>
  );
}

/**
 * Check-in at the door. Online, the server checks the ticket. Offline, with the event kept on this device, the ticket's
 * signature and seat are checked here, the man is marked on the device's roster, and the check-in waits in the queue
 * (with its idempotency key) until the network is back; the server then answers "already checked in" for a man another
 * device checked in first.
 */
function CheckIn({ event }: { event: EventView }) {
  const queries = useQueryClient();
  const online = useOnline();
  const [token, setToken] = useState('');
  const [messages, setMessages] = useState<string[]>([]);
  const [scanning, setScanning] = useState(false);
  // A man the server would not check in for a waiver he has not acknowledged: said large, with his ticket to try again.
  const [refused, setRefused] = useState<{ ticket: string; detail: string } | null>(null);
  const kept = useQuery(keptEventQuery(event.id));
  const report = useQuery({ ...attendanceQuery(event.id), enabled: online });
  const keep = useKeepOffline(event.id);
  const drop = useForgetKept(event.id);
  const say = (line: string) => setMessages((m) => [line, ...m].slice(0, 10));
  const checkIn = useMutation({
    mutationFn: async (ticket: string): Promise<string> => {
      const stored = await keptEvent(event.id);
      let localName: string | null = null;
      if (!isOnline() && stored) {
        const check = await checkTicket(ticket, stored);
        if (!check.valid) {
          return t('staff.invalidTicket');
        }
        const name = check.entry.firstName + ' ' + check.entry.lastName;
        if (check.entry.checkedInAt) {
          return t('staff.already', { name });
        }
        await markCheckedIn(event.id, check.entry.registrationId, new Date().toISOString());
        localName = name;
      }
      const outcome = await sendCheckIn(event, ticket);
      if (!outcome.sent) {
        return localName ? t('staff.checkedIn', { name: localName }) + ' · ' + t('facilitate.queued') : t('facilitate.queued');
      }
      const name = outcome.body.firstName + ' ' + outcome.body.lastName;
      return outcome.body.alreadyCheckedIn ? t('staff.already', { name }) : t('staff.checkedIn', { name });
    },
    onSuccess: (line) => {
      say(line);
      setRefused(null);
      setToken('');
      void queries.invalidateQueries({ queryKey: eventKeys.attendance(event.id) });
      void queries.invalidateQueries({ queryKey: eventKeys.kept(event.id) });
    },
    onError: (error, ticket) => {
      const waiver = error instanceof ApiError && error.code === 'WAIVER_NOT_ACKNOWLEDGED';
      setRefused(waiver ? { ticket, detail: error.problem.detail ?? error.message } : null);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (token.trim()) {
      checkIn.mutate(token.trim());
    }
  };
  const onDevice = kept.data?.roster.filter((r) => r.checkedInAt).length ?? 0;
  return (
    <Section title={t('staff.checkIn')}>
      {online && report.data && <Typography role="status">{t('staff.checkedInOf', { checked: report.data.checkedIn, confirmed: report.data.confirmed })}</Typography>}
      {!online && kept.data && <Typography role="status">{t('staff.checkedInOf', { checked: onDevice, confirmed: kept.data.roster.filter((r) => r.status === 'CONFIRMED').length })}</Typography>}
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center', my: 1 }}>
        {kept.data ? (
          <>
            <Typography variant="body2" data-testid="kept-offline">{t('staff.keptOffline', { when: when(kept.data.savedAt) })}</Typography>
            <Button onClick={() => keep.mutate()} disabled={!online || keep.isPending}>{t('staff.keepOffline')}</Button>
            <Button color="error" onClick={() => drop.mutate()}>{t('staff.forget')}</Button>
          </>
        ) : (
          <Button variant="outlined" onClick={() => keep.mutate()} disabled={!online || keep.isPending}>{t('staff.keepOffline')}</Button>
        )}
      </Box>
      <ProblemAlert error={keep.error} />
      {refused && (
        <Alert severity="error" variant="filled" role="alert" data-testid="check-in-refused" sx={{ my: 1.5, '& .MuiAlert-message': { width: '100%' } }}>
          <AlertTitle sx={{ fontSize: '1.25rem', fontWeight: 700 }}>{t('staff.notCheckedIn')}</AlertTitle>
          <Typography sx={{ fontSize: '1.1rem', lineHeight: 1.4, overflowWrap: 'anywhere' }}>{refused.detail}</Typography>
          <Button variant="contained" sx={{ mt: 1.5, bgcolor: 'common.white', color: 'error.main', '&:hover': { bgcolor: 'grey.100' } }} disabled={checkIn.isPending} onClick={() => checkIn.mutate(refused.ticket)}>
            {t('staff.tryAgain')}
          </Button>
        </Alert>
      )}
      {scanning ? <Scanner onCode={(code) => checkIn.mutate(code)} onStop={() => setScanning(false)} /> : <Button variant="contained" onClick={() => setScanning(true)} sx={{ my: 1 }}>{t('staff.scan')}</Button>}
      <form onSubmit={submit} noValidate aria-label={t('staff.checkIn')}>
        <TextField label={t('staff.token')} value={token} onChange={(e) => setToken(e.target.value)} />
        <Button type="submit" disabled={checkIn.isPending}>{t('staff.checkIn')}</Button>
      </form>
      {!refused && <ProblemAlert error={checkIn.error} />}
      <List dense aria-live="polite" aria-label={t('staff.checkIn')}>
        {messages.map((m, i) => <ListItem key={i}><ListItemText primary={m} /></ListItem>)}
      </List>
      {kept.data && (
        <Section title={t('staff.registrations')}>
          <List dense>
            {kept.data.roster.map((r) => (
              <ListItem key={r.registrationId}>
                <ListItemText primary={r.firstName + ' ' + r.lastName} secondary={[t('events.status.' + r.status), r.checkedInAt ? '✓ ' + when(r.checkedInAt) : null, kept.data?.sensitive[r.registrationId]?.emergencyContact].filter(Boolean).join(' · ')} />
              </ListItem>
            ))}
          </List>
        </Section>
      )}
    </Section>
  );
}

/**
 * The phone's camera, read frame by frame for a QR code. Each code is sent once while the camera is on (a ticket held
 * in front of it is seen many times a second), whatever re-renders the screen meanwhile.
 */
function Scanner({ onCode, onStop }: { onCode: (code: string) => void; onStop: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const send = useRef(onCode);
  send.current = onCode;
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let frame = 0;
    let stopped = false;
    const seen = new Set<string>();
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const tick = () => {
      const v = video.current;
      if (v && context && v.readyState === v.HAVE_ENOUGH_DATA) {
        canvas.width = v.videoWidth;
        canvas.height = v.videoHeight;
        context.drawImage(v, 0, 0);
        const found = jsQR(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
        if (found && !seen.has(found.data)) {
          seen.add(found.data);
          send.current(found.data);
        }
      }
      if (!stopped) {
        frame = requestAnimationFrame(tick);
      }
    };
    if (!navigator.mediaDevices) {
      setError(t('staff.cameraDenied'));
    } else {
      navigator.mediaDevices
        .getUserMedia({ video: { facingMode: 'environment' } })
        .then((s) => {
          stream = s;
          if (stopped) {
            s.getTracks().forEach((track) => track.stop());
            return;
          }
          if (video.current) {
            video.current.srcObject = s;
            void video.current.play();
          }
          frame = requestAnimationFrame(tick);
        })
        .catch(() => setError(t('staff.cameraDenied')));
    }
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);
  return (
    <Box sx={{ my: 1 }}>
      {error ? <Alert severity="warning">{error}</Alert> : <video ref={video} muted playsInline style={{ width: '100%', maxWidth: 420, borderRadius: 8 }} aria-label={t('staff.scan')} />}
      <Button onClick={onStop}>{t('staff.stopScan')}</Button>
    </Box>
  );
}
