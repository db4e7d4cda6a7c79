import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/problem';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { Loaded, Page } from '../../../ui/Page';
import { ProblemAlert } from '../../../ui/Problem';
import { pollQuery, useAnswerPoll, useClosePoll } from '../api/polls';
import type { Availability, Poll, PollOption } from '../api/types';
import { at, choicesOf, clashesOf, optionName, othersClash, share, slotAnswersOf, slotTime, standing, toWhom, viewerZone, zoneName, zoneOf } from '../polls';

const AVAILABILITY: Availability[] = ['YES', 'IF_NEED_BE', 'NO'];

/** An option's label takes the rest of its row, so that every option's bar is drawn on a track of the same width. */
const LABEL_FILLS_ROW = { typography: { sx: { flex: 1, minWidth: 0 } } };

/**
 * The options one under another without wrapping: in a wrapping column Chromium sizes each option's height at its
 * narrowest width before stretching it, which left a blank line under an option whose marks fit beside its label.
 */
const ONE_COLUMN = { flexWrap: 'nowrap' } as const;

/** /polls/:id: one poll, its results as they come in, his answer, and closing it for those who may. */
export default function PollScreen() {
  const { id = '' } = useParams();
  const poll = useQuery(pollQuery(id));
  return (
    <Page title={poll.data?.question ?? t('polls.title')}>
      <Button component={Link} to="/polls" sx={{ ml: -1 }}>{'← ' + t('polls.all')}</Button>
      <Loaded query={poll}>{(data) => <PollView poll={data} />}</Loaded>
    </Page>
  );
}

function PollView({ poll }: { poll: Poll }) {
  const { me } = useAuth();
  const zone = zoneOf(poll, viewerZone(me?.timeZone));
  const chosen = poll.options.find((o) => o.id === poll.chosenOptionId);
  // Closed while he looks (by him, or by the socket's word): said aloud, since the way to close it is gone.
  const [openWhenSeen] = useState(poll.status !== 'CLOSED');
  return (
    <>
      <Typography role="status" className="visually-hidden">{openWhenSeen && poll.status === 'CLOSED' ? t('polls.close.closed') : ''}</Typography>
      {/* Two lines: side by side they wrapped on a phone, leaving a separator at the end of the first. */}
      <Typography variant="body2" color="text.secondary">{toWhom(poll)}</Typography>
      <Typography variant="body2" color="text.secondary">{t('polls.askedBy', { name: poll.createdByName, when: at(poll.createdAt, zone) })}</Typography>
      {poll.description && <Typography sx={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere', mt: 1 }}>{poll.description}</Typography>}
      <Typography sx={{ mt: 1, fontWeight: 600 }}>{standing(poll, zone)}</Typography>
      <Typography variant="body2">{t('polls.answered', { n: poll.respondents, of: poll.audience })}</Typography>
      {poll.replacesMeeting && <Typography variant="body2">{t('polls.replaces', { when: at(poll.replacesMeeting, zone) })}</Typography>}
      {poll.meetingStart && <Alert severity="success" sx={{ my: 1 }}>{t('polls.meetingArranged', { when: at(poll.meetingStart, zone) })}</Alert>}
      {poll.status === 'CLOSED' && !poll.meetingStart && (
        <Alert severity="info" sx={{ my: 1 }}>{chosen ? t('polls.outcome', { name: optionName(chosen, zone) }) : t('polls.noOutcome')}</Alert>
      )}
      {poll.status === 'CLOSED' ? (
        <Typography sx={{ my: 1 }}>{t('polls.closedNote')}</Typography>
      ) : poll.status === 'ENDED' ? (
        <Typography sx={{ my: 1 }}>{t('polls.endedNote')}</Typography>
      ) : (
        !poll.canAnswer && <Typography sx={{ my: 1 }}>{t('polls.notAsked')}</Typography>
      )}
      {poll.kind === 'MEETING_TIME' ? <SlotAnswer key={poll.id} poll={poll} zone={zone} /> : <ChoiceAnswer key={poll.id} poll={poll} zone={zone} />}
      {poll.canClose && <ClosePoll poll={poll} zone={zone} />}
    </>
  );
}

/** Saving his answer, and what the server said: shared by both kinds of poll. */
function useSave(poll: Poll, onSaved: () => void) {
  const [saved, setSaved] = useState(false);
  const save = useAnswerPoll(poll.id, {
    onSuccess: () => {
      setSaved(true);
      onSaved();
    },
  });
  return { save, saved, unsave: () => setSaved(false) };
}

function SaveBar({ poll, pending, saved, error }: { poll: Poll; pending: boolean; saved: boolean; error: unknown }) {
  return (
    <>
      <ProblemAlert error={error} />
      {poll.canAnswer && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mt: 2 }}>
          <Button type="submit" variant="contained" disabled={pending}>{pending ? t('polls.saving') : t('polls.save')}</Button>
        </Box>
      )}
      <Typography role="status" variant="body2" sx={{ color: 'success.main', fontWeight: 500, mt: 1 }}>{saved ? t('polls.saved') : ''}</Typography>
    </>
  );
}

/** A small outlined mark beside an option, in words (never colour alone). */
function Mark({ children, color }: { children: ReactNode; color: 'primary' | 'success' | 'warning' | 'error' | 'default' }) {
  return (
    <Box
      component="span"
      sx={{
        display: 'inline-block', px: 1, py: 0.25, borderRadius: 1, border: 1, fontSize: '0.8125rem', fontWeight: 600, lineHeight: 1.5,
        color: color === 'default' ? 'text.secondary' : color + '.main', borderColor: color === 'default' ? 'divider' : color + '.main',
      }}
    >
      {children}
    </Box>
  );
}

/** Who answered what, by name: "Yes: Tom Reed, Sam Hill" (none in an anonymous poll). */
function Voters({ option, answers }: { option: PollOption; answers: string[] }) {
  const lines = answers
    .map((answer) => ({ answer, names: option.voters.filter((v) => v.answer === answer).map((v) => v.name) }))
    .filter((line) => line.names.length > 0);
  if (lines.length === 0) {
    return null;
  }
  return (
    <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
      {lines.map((line) => (
        <Typography component="li" variant="body2" color="text.secondary" key={line.answer} sx={{ overflowWrap: 'anywhere' }}>
          {line.answer === 'CHOSEN' ? line.names.join(', ') : t('polls.voters', { answer: t('polls.availability.' + line.answer), names: line.names.join(', ') })}
        </Typography>
      ))}
    </Box>
  );
}

/** A meeting time: each slot with Yes / If need be / No, its counts, who can come, and what clashes. */
function SlotAnswer({ poll, zone }: { poll: Poll; zone: string }) {
  const { me } = useAuth();
  const [draft, setDraft] = useState<Record<string, Availability> | null>(null);
  const { save, saved, unsave } = useSave(poll, () => setDraft(null));
  const answers = draft ?? slotAnswersOf(poll);
  const headingId = useId();
  const choose = (optionId: string, value: Availability | null) => {
    unsave();
    const next = { ...answers };
    if (value) {
      next[optionId] = value;
    } else {
      delete next[optionId];
    }
    setDraft(next);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (poll.canAnswer && !save.isPending) {
      save.mutate({ answers });
    }
  };
  return (
    <Box component="form" onSubmit={submit} noValidate aria-labelledby={headingId} sx={{ mt: 2 }}>
      <Typography id={headingId} variant="h2" component="h2">{t('polls.slots')}</Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {poll.timeZone ? t('polls.timesIn', { zone: zoneName(poll.timeZone) }) : t('polls.timesInYours', { zone: zoneName(zone) })}
      </Typography>
      {poll.quorum != null && poll.scope === 'CIRCLE' && <Typography variant="body2" sx={{ mb: 1 }}>{t('polls.quorumHelp', { n: poll.quorum })}</Typography>}
      <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
        {poll.options.map((option) => (
          <li key={option.id}>
            <SlotRow poll={poll} option={option} zone={zone} me={me?.person.id} value={answers[option.id] ?? null} onChange={(value) => choose(option.id, value)} />
          </li>
        ))}
      </Box>
      <SaveBar poll={poll} pending={save.isPending} saved={saved} error={save.error} />
    </Box>
  );
}

function SlotRow({ poll, option, zone, me, value, onChange }: {
  poll: Poll; option: PollOption; zone: string; me: string | undefined; value: Availability | null; onChange: (value: Availability | null) => void;
}) {
  const timeId = useId();
  const time = slotTime(option, zone);
  const chosen = option.id === poll.chosenOptionId;
  const clashes = clashesOf(option, me);
  return (
    <Box
      component="article" aria-labelledby={timeId}
      sx={{ p: 1.5, borderRadius: 2, border: chosen ? 2 : 1, borderColor: chosen ? 'primary.main' : 'divider', bgcolor: 'background.paper' }}
    >
      <Typography id={timeId} variant="h3" component="h3">{time}</Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, my: 0.5 }}>
        {chosen && <Mark color="primary">{t('polls.chosen')}</Mark>}
        {option.meetsQuorum != null && <Mark color={option.meetsQuorum ? 'success' : 'warning'}>{option.meetsQuorum ? t('polls.quorumMet') : t('polls.quorumShort')}</Mark>}
        {option.full && <Mark color="default">{t('polls.full')}</Mark>}
        {option.capacity != null && !option.full && <Mark color="default">{t('polls.places', { n: option.capacity })}</Mark>}
        {clashes.mine && <Mark color="error">{clashes.mine}</Mark>}
        {clashes.others > 0 && <Mark color="warning">{othersClash(clashes.others)}</Mark>}
      </Box>
      <ToggleButtonGroup
        exclusive color="primary" size="small" value={value} onChange={(_, next: Availability | null) => onChange(next)}
        aria-label={t('polls.answerFor', { time })} disabled={!poll.canAnswer} sx={{ flexWrap: 'wrap', my: 0.5 }}
      >
        {AVAILABILITY.map((answer) => (
          <ToggleButton key={answer} value={answer} disabled={!poll.canAnswer || (answer === 'YES' && option.full && option.mine !== 'YES')} sx={{ px: 2 }}>
            {t('polls.availability.' + answer)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <Typography variant="body2">{t('polls.counts', { yes: option.yes, ifNeedBe: option.ifNeedBe, no: option.no })}</Typography>
      <Voters option={option} answers={AVAILABILITY} />
    </Box>
  );
}

/** A question: one choice (radios) or several (checkboxes), each with its count and a bar, and who chose it unless anonymous. */
function ChoiceAnswer({ poll, zone }: { poll: Poll; zone: string }) {
  const [draft, setDraft] = useState<string[] | null>(null);
  const { save, saved, unsave } = useSave(poll, () => setDraft(null));
  const chosen = draft ?? choicesOf(poll);
  const legendId = useId();
  const helpId = useId();
  const set = (next: string[]) => {
    unsave();
    setDraft(next);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (poll.canAnswer && !save.isPending) {
      save.mutate({ choices: chosen });
    }
  };
  const disabled = (option: PollOption) => !poll.canAnswer || (option.full && option.mine !== 'CHOSEN');
  const label = (option: PollOption) => <ChoiceLabel poll={poll} option={option} zone={zone} />;
  return (
    <Box component="form" onSubmit={submit} noValidate sx={{ mt: 2 }}>
      <FormControl component="fieldset" sx={{ width: '100%' }}>
        <FormLabel component="legend" id={legendId}>
          <Typography variant="h2" component="span" sx={{ color: 'text.primary' }}>{t('polls.options')}</Typography>
        </FormLabel>
        <FormHelperText id={helpId} sx={{ mx: 0, color: 'text.secondary' }}>
          {poll.multiple ? t('polls.chooseMany') : t('polls.chooseOne')}{poll.anonymous ? ' ' + t('polls.anonymous') : ''}
        </FormHelperText>
        {poll.multiple ? (
          <FormGroup aria-describedby={helpId} sx={ONE_COLUMN}>
            {poll.options.map((option) => (
              <ChoiceRow key={option.id} poll={poll} option={option}>
                <FormControlLabel
                  sx={{ alignItems: 'flex-start', mr: 0, width: '100%' }} slotProps={LABEL_FILLS_ROW} label={label(option)}
                  control={<Checkbox checked={chosen.includes(option.id)} disabled={disabled(option)}
                    onChange={(e) => set(e.target.checked ? [...chosen, option.id] : chosen.filter((id) => id !== option.id))} />}
                />
              </ChoiceRow>
            ))}
          </FormGroup>
        ) : (
          <RadioGroup aria-labelledby={legendId} aria-describedby={helpId} value={chosen[0] ?? ''} onChange={(e) => set([e.target.value])} sx={ONE_COLUMN}>
            {poll.options.map((option) => (
              <ChoiceRow key={option.id} poll={poll} option={option}>
                <FormControlLabel sx={{ alignItems: 'flex-start', mr: 0, width: '100%' }} slotProps={LABEL_FILLS_ROW} value={option.id} label={label(option)} control={<Radio disabled={disabled(option)} />} />
              </ChoiceRow>
            ))}
          </RadioGroup>
        )}
      </FormControl>
      <SaveBar poll={poll} pending={save.isPending} saved={saved} error={save.error} />
    </Box>
  );
}

function ChoiceRow({ poll, option, children }: { poll: Poll; option: PollOption; children: ReactNode }) {
  const chosen = option.id === poll.chosenOptionId;
  return (
    <Box sx={{ p: 1, pr: 1.5, my: 0.75, borderRadius: 2, border: chosen ? 2 : 1, borderColor: chosen ? 'primary.main' : 'divider', bgcolor: 'background.paper' }}>
      {children}
      {/* Under the label: the control's 44 px, less the 11 px FormControlLabel pulls it to the left. */}
      {!poll.anonymous && <Box sx={{ pl: '33px' }}><Voters option={option} answers={['CHOSEN']} /></Box>}
    </Box>
  );
}

function ChoiceLabel({ poll, option, zone }: { poll: Poll; option: PollOption; zone: string }) {
  const width = share(option.chosen, poll.respondents);
  const chosen = option.id === poll.chosenOptionId;
  return (
    <Box sx={{ pt: 1.25, width: '100%' }}>
      <Box component="span" sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 0.5, overflowWrap: 'anywhere' }}>
        <span>{optionName(option, zone)}</span>
        {chosen && <Mark color="primary">{t('polls.chosen')}</Mark>}
        {option.full && <Mark color="default">{t('polls.full')}</Mark>}
        {option.capacity != null && !option.full && <Mark color="default">{t('polls.places', { n: option.capacity })}</Mark>}
      </Box>
      <Box component="span" sx={{ display: 'block', fontSize: '0.875rem', color: 'text.secondary' }}>
        {t('polls.chosenCount.' + (option.chosen === 0 ? 'zero' : option.chosen === 1 ? 'one' : 'other'), { n: option.chosen })}
      </Box>
      <Box component="span" aria-hidden="true" sx={{ display: 'block', height: 8, borderRadius: 4, bgcolor: 'action.hover', mt: 0.5, overflow: 'hidden' }}>
        <Box component="span" data-testid="bar" sx={{ display: 'block', height: '100%', width: width + '%', bgcolor: chosen ? 'primary.main' : 'secondary.main' }} />
      </Box>
    </Box>
  );
}

/** The best slot to offer first: one that meets the quorum, then the most who can come gladly, then if need be. */
function bestSlot(poll: Poll): string {
  const ranked = [...poll.options].sort((a, b) => Number(b.meetsQuorum ?? true) - Number(a.meetsQuorum ?? true) || b.yes - a.yes || b.ifNeedBe - a.ifNeedBe);
  return ranked[0]?.id ?? '';
}

/** Closing: with the time (or outcome) chosen; a time short of the circle's quorum is asked about first. */
function ClosePoll({ poll, zone }: { poll: Poll; zone: string }) {
  const slots = poll.kind === 'MEETING_TIME';
  const [slot, setSlot] = useState(() => (slots ? bestSlot(poll) : ''));
  const [short, setShort] = useState(false);
  const close = useClosePoll(poll.id, { onSuccess: () => setShort(false) });
  const quorumRefused = close.error instanceof ApiError && close.error.code === 'QUORUM_NOT_MET';
  const send = (despiteQuorum: boolean) => {
    close.mutate({ slot: slot || undefined, ...(despiteQuorum ? { despiteQuorum: true } : {}) }, {
      onError: (error) => setShort(error instanceof ApiError && error.code === 'QUORUM_NOT_MET'),
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!close.isPending) {
      send(false);
    }
  };
  const chosen = poll.options.find((o) => o.id === slot);
  const titleId = useId();
  return (
    <Box component="form" onSubmit={submit} noValidate aria-labelledby={titleId} sx={{ mt: 4, pt: 2, borderTop: 1, borderColor: 'divider' }}>
      <Typography id={titleId} variant="h2" component="h2">{t('polls.close.title')}</Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>{slots && poll.scope === 'CIRCLE' ? t('polls.close.helpMeeting') : t('polls.close.help')}</Typography>
      <TextField
        select label={slots ? t('polls.close.slot') : t('polls.close.outcome')} value={slot} onChange={(e) => setSlot(e.target.value)}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      >
        <option value="">{slots ? t('polls.close.noSlot') : t('polls.close.mostChosen')}</option>
        {poll.options.map((option) => (
          <option key={option.id} value={option.id}>{optionName(option, zone)}</option>
        ))}
      </TextField>
      <ProblemAlert error={quorumRefused ? null : close.error} />
      <Button type="submit" variant="outlined" sx={{ mt: 1 }} disabled={close.isPending}>{t('polls.close.button')}</Button>
      <Dialog open={short} onClose={() => setShort(false)} aria-labelledby={titleId + '-quorum'}>
        <DialogTitle id={titleId + '-quorum'}>{t('polls.close.quorumTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('polls.close.quorumBody', { time: chosen ? optionName(chosen, zone) : '' })}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setShort(false)}>{t('polls.close.keepOpen')}</Button>
          <Button variant="contained" onClick={() => send(true)} disabled={close.isPending}>{t('polls.close.anyway')}</Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
