import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../../api/problem';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { Loaded, Page } from '../../../ui/Page';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { circleQuery, meetingsQuery, useCreatePoll } from '../api/polls';
import type { Circle, PollKind } from '../api/types';
import { at, blankDraft, blankOption, missing, requestOf, viewerZone, zoneName, type Draft } from '../polls';

const KINDS: PollKind[] = ['MEETING_TIME', 'CHOICE'];
const MAX_OPTIONS = 20;

/**
 * /polls/new?circleId=…: a circle's facilitators (and admins) ask the circle; /polls/new: admins and leadership ask
 * the whole organisation. The server decides; the form says who may before anything is typed.
 */
export default function NewPoll() {
  const [params] = useSearchParams();
  const circleId = params.get('circleId') || undefined;
  return circleId ? <CirclePoll circleId={circleId} /> : <OrganisationPoll />;
}

function OrganisationPoll() {
  const { can } = useAuth();
  return (
    <Page title={t('polls.new')}>
      <Back />
      {can('announcements.post') ? <PollForm /> : <Alert severity="info">{t('polls.form.notAllowed')}</Alert>}
    </Page>
  );
}

function CirclePoll({ circleId }: { circleId: string }) {
  const { me, can } = useAuth();
  const circle = useQuery(circleQuery(circleId));
  return (
    <Page title={circle.data ? t('polls.newFor', { circle: circle.data.name }) : t('polls.new')}>
      <Back />
      <Loaded query={circle}>
        {(data) =>
          can('organisation.manage') || (can('circles.manage') && data.facilitators.some((f) => f.id === me?.person.id)) ? (
            <PollForm circle={data} />
          ) : (
            <Alert severity="info">{t('polls.form.notAllowedCircle')}</Alert>
          )
        }
      </Loaded>
    </Page>
  );
}

function Back() {
  return <Button component={Link} to="/polls" sx={{ ml: -1 }}>{'← ' + t('polls.all')}</Button>;
}

/** The first message the server gave for one of these fields, for a field that stands for several (the length of every slot). */
const firstFieldError = (error: unknown, match: (field: string) => boolean): string | undefined =>
  error instanceof ApiError ? error.problem.errors?.find((e) => match(e.field))?.message : undefined;

function PollForm({ circle }: { circle?: Circle }) {
  const { me } = useAuth();
  const navigate = useNavigate();
  const zone = viewerZone(me?.timeZone);
  const kindId = useId();
  const optionsId = useId();
  // Made when the form opens: a second submit, or one again after a network error, answers the poll made first.
  const [key] = useState(() => crypto.randomUUID());
  const [draft, setDraft] = useState<Draft>(() => blankDraft());
  const [tried, setTried] = useState(false);
  const slots = draft.kind === 'MEETING_TIME';
  const meetings = useQuery({ ...meetingsQuery(circle?.id ?? ''), enabled: Boolean(circle) && slots });
  const create = useCreatePoll({ onSuccess: (poll) => navigate('/polls/' + poll.id, { replace: true }) });
  const empty = missing(draft);

  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => setDraft((d) => ({ ...d, [field]: value }));
  const setOption = (index: number, change: Partial<Draft['options'][number]>) =>
    setDraft((d) => ({ ...d, options: d.options.map((o, i) => (i === index ? { ...o, ...change } : o)) }));
  const required = (blank: boolean, field: string, help?: string) => (blank && tried ? { error: true, helperText: t('polls.form.required') } : fieldProps(create.error, field, help));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (empty.question || empty.options.some(Boolean) || create.isPending) {
      return;
    }
    create.mutate({ key, request: requestOf(draft, circle?.id, zone) });
  };

  const circleZone = circle?.schedule?.timeZone;
  const optionsError = firstFieldError(create.error, (field) => field === 'options' || field.endsWith('.options'));
  const minutesError = firstFieldError(create.error, (field) => /options\[\d+\]\.minutes$/.test(field));

  return (
    <form onSubmit={submit} noValidate aria-label={circle ? t('polls.newFor', { circle: circle.name }) : t('polls.new')}>
      <FormControl sx={{ display: 'block', my: 1 }}>
        <FormLabel id={kindId}>{t('polls.form.kind')}</FormLabel>
        <RadioGroup row aria-labelledby={kindId} value={draft.kind} onChange={(e) => set('kind', e.target.value as PollKind)}>
          {KINDS.map((kind) => <FormControlLabel key={kind} value={kind} control={<Radio />} label={t('polls.form.' + kind)} />)}
        </RadioGroup>
      </FormControl>
      <TextField label={t('polls.form.question')} value={draft.question} onChange={(e) => set('question', e.target.value)} required
        slotProps={{ htmlInput: { maxLength: 300 } }} {...required(empty.question, 'question')} />
      <TextField label={t('polls.form.description')} value={draft.description} onChange={(e) => set('description', e.target.value)} multiline minRows={2}
        slotProps={{ htmlInput: { maxLength: 2000 } }} {...fieldProps(create.error, 'description')} />

      <FormControl component="fieldset" sx={{ display: 'block', mt: 2, mb: 1, width: '100%' }} error={Boolean(optionsError)}>
        <FormLabel component="legend" id={optionsId}>{slots ? t('polls.form.slots') : t('polls.form.choices')}</FormLabel>
        {slots && <FormHelperText sx={{ mx: 0, color: 'text.secondary' }}>{t('polls.form.yourZone', { zone: zoneName(zone) })}</FormHelperText>}
        {draft.options.map((option, index) => {
          const n = index + 1;
          return (
            <Box key={option.key} sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', columnGap: 1 }}>
              {slots ? (
                <TextField
                  type="datetime-local" label={t('polls.form.time', { n })} value={option.startsAt} onChange={(e) => setOption(index, { startsAt: e.target.value })} required
                  slotProps={{ inputLabel: { shrink: true } }} sx={{ flex: '1 1 14rem' }} {...required(empty.options[index], `options[${index}].startsAt`)}
                />
              ) : (
                <TextField
                  label={t('polls.form.option', { n })} value={option.label} onChange={(e) => setOption(index, { label: e.target.value })} required
                  slotProps={{ htmlInput: { maxLength: 200 } }} sx={{ flex: '1 1 14rem' }} {...required(empty.options[index], `options[${index}].label`)}
                />
              )}
              <TextField
                type="number" label={slots ? t('polls.form.placesForTime', { n }) : t('polls.form.placesForOption', { n })} value={option.capacity} onChange={(e) => setOption(index, { capacity: e.target.value })}
                slotProps={{ htmlInput: { min: 1, max: 10000, inputMode: 'numeric' }, inputLabel: { shrink: true } }} sx={{ flex: '1 1 11rem' }} {...fieldProps(create.error, `options[${index}].capacity`)}
              />
              <Button
                onClick={() => setDraft((d) => ({ ...d, options: d.options.filter((_, i) => i !== index) }))} disabled={draft.options.length <= 2}
                aria-label={slots ? t('polls.form.removeTime', { n }) : t('polls.form.removeOption', { n })} sx={{ mt: 1 }}
              >
                {t('polls.form.remove')}
              </Button>
            </Box>
          );
        })}
        {optionsError && <FormHelperText sx={{ mx: 0 }}>{optionsError}</FormHelperText>}
        <Button onClick={() => setDraft((d) => ({ ...d, options: [...d.options, blankOption()] }))} disabled={draft.options.length >= MAX_OPTIONS} sx={{ ml: -1 }}>
          {slots ? t('polls.form.addTime') : t('polls.form.addOption')}
        </Button>
      </FormControl>

      {slots ? (
        <>
          <TextField
            type="number" label={t('polls.form.minutes')} value={draft.minutes} onChange={(e) => set('minutes', e.target.value)}
            slotProps={{ htmlInput: { min: 15, max: 1440, inputMode: 'numeric' } }}
            {...(minutesError ? { error: true, helperText: minutesError } : { helperText: t('polls.form.minutesHelp') })}
          />
          {circle && (
            <>
              <TextField
                type="number" label={t('polls.form.quorum')} value={draft.quorum} onChange={(e) => set('quorum', e.target.value)}
                slotProps={{ htmlInput: { min: 1, max: 100, inputMode: 'numeric' } }} {...fieldProps(create.error, 'quorum', t('polls.form.quorumHelp'))}
              />
              <TextField
                select label={t('polls.form.replaces')} value={draft.replacesMeeting} onChange={(e) => set('replacesMeeting', e.target.value)}
                slotProps={{ select: { native: true }, inputLabel: { shrink: true } }} {...fieldProps(create.error, 'replacesMeeting')}
              >
                <option value="">{t('polls.form.ownMeeting')}</option>
                {(meetings.data?.items ?? []).filter((m) => !m.cancelled).slice(0, 12).map((m) => (
                  <option key={m.plannedStart} value={m.plannedStart}>{at(m.start, zone)}</option>
                ))}
              </TextField>
            </>
          )}
          <FormControlLabel
            sx={{ display: 'flex', my: 1 }} control={<Checkbox checked={draft.lockTimeZone} onChange={(e) => set('lockTimeZone', e.target.checked)} />}
            label={circleZone ? t('polls.form.lockCircle', { zone: zoneName(circleZone) }) : t('polls.form.lockMine', { zone: zoneName(zone) })}
          />
        </>
      ) : (
        <>
          <FormControlLabel sx={{ display: 'flex' }} control={<Checkbox checked={draft.multiple} onChange={(e) => set('multiple', e.target.checked)} />} label={t('polls.form.multiple')} />
          <FormControlLabel sx={{ display: 'flex' }} control={<Checkbox checked={draft.anonymous} onChange={(e) => set('anonymous', e.target.checked)} />} label={t('polls.form.anonymous')} />
        </>
      )}
      <TextField
        type="datetime-local" label={t('polls.form.deadline')} value={draft.deadline} onChange={(e) => set('deadline', e.target.value)}
        slotProps={{ inputLabel: { shrink: true } }} {...fieldProps(create.error, 'deadline')}
      />

      <ProblemAlert error={create.error} />
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>{circle ? t('polls.to', { audience: circle.name }) : t('polls.toEveryone')}</Typography>
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', mt: 1 }}>
        <Button type="submit" variant="contained" disabled={create.isPending}>{t('polls.form.ask')}</Button>
      </Box>
    </form>
  );
}
