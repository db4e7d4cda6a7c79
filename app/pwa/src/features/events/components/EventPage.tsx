import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../../api/problem';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { money, when } from '../../../ui/format';
import { Loaded, Page, Section } from '../../../ui/Page';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { eventQuery } from '../api/events';
import { refreshMyRegistrations, useCheckout, useMyRegistrations, useRegister } from '../api/registrations';
import type { EventView } from '../api/types';

/** What another feature shows on the page: the payment plan of a paid seat (the payments feature's, put in by the route). */
type PlanLine = (registrationId: string) => ReactNode;

/** An event's page; `more` is what the route adds below it from other features (the event's documents). */
export default function EventPage({ planLine, more }: { planLine?: PlanLine; more?: ReactNode }) {
  const { id = '' } = useParams();
  const event = useQuery(eventQuery(id));
  return (
    <Page title={event.data?.title ?? t('menu.events')}>
      <Loaded query={event}>
        {(data) => (
          <>
            <Details event={data} planLine={planLine} />
            {more}
          </>
        )}
      </Loaded>
    </Page>
  );
}

function Details({ event, planLine }: { event: EventView; planLine?: PlanLine }) {
  const { can } = useAuth();
  const registrations = useMyRegistrations();
  const mine = registrations.data?.items.find((r) => r.eventId === event.id && r.status !== 'CANCELLED' && r.status !== 'EXPIRED');
  return (
    <>
      <Typography>{when(event.startsAt)} – {when(event.endsAt)}</Typography>
      {event.venue && <Typography>{event.venue}</Typography>}
      {event.description && <Typography sx={{ mt: 1, whiteSpace: 'pre-line' }}>{event.description}</Typography>}
      <Typography variant="body2" sx={{ mt: 1 }}>{t('events.seatsLeft', { n: event.openSeats })}</Typography>
      <Typography variant="body2">
        {event.priceOptions.length > 0 ? event.priceOptions.map((p) => `${p.name}: ${money(p.amountCents, p.currency)}`).join(' · ') : t('events.free')}
      </Typography>
      <PaymentReturn registration={mine} planLine={planLine} />
      {mine ? (
        mine.status === 'PENDING_PAYMENT' ? (
          <PayNow event={event} registrationId={mine.id} priceOption={mine.priceOption ?? null} holdUntil={mine.holdUntil ?? null} />
        ) : (
          <Alert severity="success" sx={{ mt: 2 }} action={<Button component={Link} to="/registrations" color="inherit">{t('menu.registrations')}</Button>}>
            {t('events.status.' + mine.status)}
            {mine.waitlistPosition ? ' · ' + t('events.position', { n: mine.waitlistPosition }) : ''}
          </Alert>
        )
      ) : (
        can('events.register') && event.status === 'SCHEDULED' && <RegisterForm event={event} />
      )}
      {event.status !== 'SCHEDULED' && <Alert severity="warning" sx={{ mt: 2 }}>{event.status}{event.cancelReason ? ': ' + event.cancelReason : ''}</Alert>}
    </>
  );
}

/** Back from Stripe Checkout: paid (the seat is confirmed when Stripe's webhook arrives: poll until then) or left. */
function PaymentReturn({ registration, planLine }: { registration?: { id: string; status: string; holdUntil?: string | null }; planLine?: PlanLine }) {
  const [params] = useSearchParams();
  const queries = useQueryClient();
  const payment = params.get('payment');
  const waiting = payment !== null && payment !== 'cancelled' && registration?.status === 'PENDING_PAYMENT';
  useEffect(() => {
    if (!waiting) return undefined;
    const timer = window.setInterval(() => refreshMyRegistrations(queries), 1500);
    return () => window.clearInterval(timer);
  }, [waiting, queries]);
  if (payment === null) return null;
  if (payment === 'cancelled') {
    return registration?.status === 'PENDING_PAYMENT' ? <Alert severity="warning" sx={{ mt: 2 }}>{t('pay.cancelled', { when: when(registration.holdUntil) })}</Alert> : null;
  }
  if (registration?.status === 'CONFIRMED') return <Alert severity="success" sx={{ mt: 2 }}>{t('pay.confirmed')}{planLine?.(registration.id)}</Alert>;
  return waiting ? <Alert severity="info" sx={{ mt: 2 }}>{t('pay.received')}</Alert> : null;
}

/** A held seat: pay through Stripe Checkout (the organisation's account), before the hold runs out. */
function PayNow({ event, registrationId, priceOption, holdUntil }: { event: EventView; registrationId: string; priceOption: string | null; holdUntil: string | null }) {
  const option = event.priceOptions.find((p) => p.code === priceOption);
  const [instalments, setInstalments] = useState(1);
  const pay = useCheckout(event.id, registrationId, { onSuccess: (checkout) => window.location.assign(checkout.checkoutUrl) });
  const notOpen = pay.error instanceof ApiError && pay.error.problem.code === 'PAYMENTS_NOT_READY';
  return (
    <Alert severity="warning" sx={{ mt: 2 }}>
      {t('events.status.PENDING_PAYMENT')} · {t('pay.holdUntil', { when: when(holdUntil) })}
      {option && <PaymentChoice option={option} value={instalments} onChange={setInstalments} />}
      {notOpen ? <Typography variant="body2">{t('pay.byHand')}</Typography> : (
        <Button color="inherit" variant="outlined" sx={{ display: 'block', mt: 1 }} disabled={pay.isPending || pay.isSuccess} onClick={() => pay.mutate(instalments)}>{t('pay.payNow')}</Button>
      )}
      {!notOpen && <ProblemAlert error={pay.error} />}
    </Alert>
  );
}

/** In full, or in monthly instalments when the price offers them. */
function PaymentChoice({ option, value, onChange }: { option: EventView['priceOptions'][number]; value: number; onChange: (n: number) => void }) {
  const most = option.instalments ?? 1;
  if (most <= 1) return null;
  return (
    <FormControl sx={{ display: 'block', my: 1 }}>
      <FormLabel id="how-to-pay">{t('pay.how')}</FormLabel>
      <RadioGroup aria-labelledby="how-to-pay" value={String(value)} onChange={(e) => onChange(Number(e.target.value))}>
        <FormControlLabel value="1" control={<Radio />} label={t('pay.inFull', { amount: money(option.amountCents, option.currency) })} />
        <FormControlLabel value={String(most)} control={<Radio />}
          label={t('pay.inInstalments', { n: most, amount: money(Math.floor(option.amountCents / most), option.currency) })} />
      </RadioGroup>
    </FormControl>
  );
}

function RegisterForm({ event }: { event: EventView }) {
  const [priceOption, setPriceOption] = useState(event.priceOptions[0]?.code ?? '');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [accepted, setAccepted] = useState<string[]>([]);
  const [emergencyContact, setEmergencyContact] = useState('');
  const [medicalNotes, setMedicalNotes] = useState('');
  const [instalments, setInstalments] = useState(1);
  const option = event.priceOptions.find((p) => p.code === priceOption);
  const retreat = event.type === 'DAY_RETREAT' || event.type === 'MULTI_DAY_RETREAT';
  // A seat to pay: Stripe Checkout takes over.
  const register = useRegister(event.id, {
    onSuccess: (registered) => {
      if (registered.checkoutUrl) {
        window.location.assign(registered.checkoutUrl);
      }
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    register.mutate({
      priceOption: priceOption || null,
      answers,
      acceptedWaivers: accepted,
      emergencyContact: emergencyContact.trim() || null,
      medicalNotes: medicalNotes.trim() || null,
      instalments: option && (option.instalments ?? 1) >= instalments ? instalments : 1,
    });
  };
  const full = event.openSeats <= 0;
  return (
    <Section title={t('events.register')}>
      <form onSubmit={submit} noValidate aria-label={t('events.register')}>
        {event.priceOptions.length > 1 && (
          <TextField select label={t('events.price')} value={priceOption} onChange={(e) => setPriceOption(e.target.value)} {...fieldProps(register.error, 'priceOption')}>
            {event.priceOptions.map((p) => (
              <MenuItem key={p.code} value={p.code}>{p.name} · {money(p.amountCents, p.currency)}</MenuItem>
            ))}
          </TextField>
        )}
        {event.questions.map((q) => {
          const value = answers[q.id] ?? '';
          const set = (v: string) => setAnswers({ ...answers, [q.id]: v });
          if (q.kind === 'CHOICE' || q.kind === 'YES_NO') {
            const choices = q.kind === 'YES_NO' ? ['YES', 'NO'] : q.choices;
            return (
              <FormControl key={q.id} required={q.required} sx={{ display: 'block', my: 1 }}>
                <FormLabel id={'q-' + q.id}>{q.label}</FormLabel>
                <RadioGroup aria-labelledby={'q-' + q.id} value={value} onChange={(e) => set(e.target.value)} row>
                  {choices.map((c) => (
                    <FormControlLabel key={c} value={c} control={<Radio />} label={q.kind === 'YES_NO' ? (c === 'YES' ? t('events.yes') : t('events.no')) : c} />
                  ))}
                </RadioGroup>
              </FormControl>
            );
          }
          return (
            <TextField key={q.id} label={q.label} required={q.required} type={q.kind === 'DATE' ? 'date' : 'text'} value={value} onChange={(e) => set(e.target.value)}
              slotProps={q.kind === 'DATE' ? { inputLabel: { shrink: true } } : undefined} {...fieldProps(register.error, q.id)} />
          );
        })}
        {event.waivers.map((w) => (
          <FormControl key={w.id} sx={{ display: 'block', my: 1 }}>
            <Typography variant="h3" component="h3">{w.title}</Typography>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-line', my: 1 }}>{w.body}</Typography>
            <FormControlLabel
              control={<Checkbox checked={accepted.includes(w.id)} onChange={(e) => setAccepted(e.target.checked ? [...accepted, w.id] : accepted.filter((x) => x !== w.id))} />}
              label={t('events.accept') + ': ' + w.title}
            />
          </FormControl>
        ))}
        {retreat && (
          <>
            <TextField label={t('events.emergency')} value={emergencyContact} onChange={(e) => setEmergencyContact(e.target.value)} required {...fieldProps(register.error, 'emergencyContact')} />
            <TextField label={t('events.medical')} value={medicalNotes} onChange={(e) => setMedicalNotes(e.target.value)} multiline minRows={2} {...fieldProps(register.error, 'medicalNotes')} />
          </>
        )}
        {option && !full && <PaymentChoice option={option} value={instalments} onChange={setInstalments} />}
        {full && <Typography sx={{ mt: 1 }}>{t('events.full')}</Typography>}
        <ProblemAlert error={register.error} />
        {register.data && register.data.warnings.length > 0 && (
          <Alert severity="info">{t('events.warnings')}: {register.data.warnings.join(' ')}</Alert>
        )}
        <Button type="submit" variant="contained" disabled={register.isPending} sx={{ mt: 2 }}>
          {full ? t('events.joinWaitlist') : t('events.register')}
        </Button>
      </form>
    </Section>
  );
}
