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
import FormLabel from '@mui/material/FormLabel';
import MuiLink from '@mui/material/Link';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { fullName, when } from '../../../ui/format';
import { Loaded, Page } from '../../../ui/Page';
import { ProblemAlert } from '../../../ui/Problem';
import { handlersQuery, ticketQuery, useMergeTicket, useSplitTicket, useUpdateTicket, useWriteMessage, wholeQueueQuery, type Handling } from '../api/helpdesk';
import type { Ticket, TicketMessage, TicketStatus } from '../api/types';
import { handling, levelLines, mergeTargets, STATUSES, statusLabel } from '../helpdesk';
import { Mark, StatusMark } from './TicketList';

const MAX_BODY = 16_384;
const SOLVED: TicketStatus[] = ['SOLVED', 'CLOSED'];

/**
 * /tickets/:id: one request and its conversation, and a reply. Its handlers also see internal notes and the service
 * level, and set its status and assignee, merge it into another of the same man or split messages off it.
 */
export default function TicketScreen() {
  const { id = '' } = useParams();
  const { me } = useAuth();
  const ticket = useQuery(ticketQuery(id));
  const asHandler = ticket.data ? handling(ticket.data, me?.person.id) : false;
  return (
    <Page title={ticket.data?.subject ?? t('helpdesk.title')}>
      <Button component={Link} to={asHandler ? '/helpdesk' : '/tickets'} sx={{ ml: -1 }}>{'← ' + (asHandler ? t('helpdesk.queue.title') : t('helpdesk.mine'))}</Button>
      <Loaded query={ticket}>{(data) => <TicketView key={data.id} ticket={data} asHandler={asHandler} />}</Loaded>
    </Page>
  );
}

function TicketView({ ticket, asHandler }: { ticket: Ticket; asHandler: boolean }) {
  const merged = Boolean(ticket.mergedIntoId);
  return (
    <>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 0.5, my: 0.5 }}>
        <StatusMark status={ticket.status} asHandler={asHandler} />
        {ticket.care && <Mark>{t('helpdesk.care')}</Mark>}
      </Box>
      <Typography variant="body2" color="text.secondary" component="p" sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1, overflowWrap: 'anywhere' }}>
        <span>{t('helpdesk.number', { n: ticket.number })}</span>
        <span aria-hidden="true">·</span>
        <span>{ticket.categoryName}</span>
      </Typography>
      <Typography variant="body2" color="text.secondary">{t('helpdesk.opened', { when: when(ticket.createdAt) })}</Typography>
      {asHandler && <Typography variant="body2">{t('helpdesk.ticket.from', { name: ticket.requesterName })}</Typography>}
      {ticket.care && !asHandler && <Typography variant="body2" sx={{ mt: 0.5 }}>{t('helpdesk.ticket.careOnly')}</Typography>}
      {ticket.mergedIntoId && <MergedInto id={ticket.mergedIntoId} />}
      {asHandler && ticket.serviceLevel && !merged && <Level ticket={ticket} />}
      {asHandler && !merged && <Handle ticket={ticket} />}
      <Conversation ticket={ticket} asHandler={asHandler} />
      {!merged && <Reply ticket={ticket} asHandler={asHandler} />}
      {asHandler && !merged && (
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 3 }}>
          <Merge ticket={ticket} />
          <Split ticket={ticket} />
        </Box>
      )}
    </>
  );
}

/** A merged request points to the one its messages went to. */
function MergedInto({ id }: { id: string }) {
  const into = useQuery(ticketQuery(id));
  return (
    <Alert severity="info" sx={{ my: 1 }}>
      {into.data ? t('helpdesk.ticket.merged', { n: into.data.number }) : t('helpdesk.ticket.mergedAnother')}{' '}
      <MuiLink component={Link} to={'/tickets/' + id} sx={{ fontWeight: 600 }}>
        {into.data ? t('helpdesk.ticket.openMerged', { n: into.data.number }) : t('helpdesk.ticket.openMergedAnother')}
      </MuiLink>
    </Alert>
  );
}

/** When the first answer and the solution are due, whether they were late, and whether the clock is stopped. */
function Level({ ticket }: { ticket: Ticket }) {
  const lines = levelLines(ticket.serviceLevel!);
  return (
    <Box component="ul" aria-label={t('helpdesk.level.title')} sx={{ listStyle: 'none', p: 0, my: 1 }}>
      {lines.map((line) => (
        <Typography component="li" variant="body2" key={line.text} sx={{ color: line.late ? 'error.main' : 'text.primary', fontWeight: line.late ? 600 : 400 }}>
          {line.text}
        </Typography>
      ))}
    </Box>
  );
}

/** Status and assignee: set at once, each with the other as it is. */
function Handle({ ticket }: { ticket: Ticket }) {
  const { me, can } = useAuth();
  const myId = me?.person.id;
  const [saved, setSaved] = useState('');
  const update = useUpdateTicket(ticket.id, { onSuccess: () => setSaved(t('helpdesk.ticket.saved')) });
  const directory = can('members.view');
  const handlers = useQuery({ ...handlersQuery(ticket.care), enabled: directory });
  const set = (change: Partial<Handling>) => {
    setSaved('');
    update.mutate({ status: ticket.status, assigneeId: ticket.assigneeId ?? null, ...change });
  };
  const people = handlers.data ?? [];
  return (
    <Box component="section" aria-labelledby="handle-title" sx={{ mt: 2, p: 1.5, borderRadius: 2, border: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      <Typography id="handle-title" variant="h2" component="h2">{t('helpdesk.ticket.handle')}</Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(12rem, 1fr))', columnGap: 1 }}>
        <TextField
          select label={t('helpdesk.ticket.status')} value={ticket.status} onChange={(e) => set({ status: e.target.value as TicketStatus })} disabled={update.isPending}
          slotProps={{ select: { native: true } }}
        >
          {STATUSES.filter((s) => s !== 'NEW' || ticket.status === 'NEW').map((s) => <option key={s} value={s}>{statusLabel(s, true)}</option>)}
        </TextField>
        {directory && handlers.data ? (
          <TextField
            select label={t('helpdesk.ticket.assignee')} value={ticket.assigneeId ?? ''} onChange={(e) => set({ assigneeId: e.target.value || null })}
            disabled={update.isPending} slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          >
            <option value="">{t('helpdesk.ticket.nobody')}</option>
            {people.map((p) => <option key={p.id} value={p.id}>{fullName(p)}</option>)}
            {ticket.assigneeId && !people.some((p) => p.id === ticket.assigneeId) && <option value={ticket.assigneeId}>{ticket.assigneeName}</option>}
          </TextField>
        ) : (
          <Typography sx={{ alignSelf: 'center', my: 1 }}>
            {ticket.assigneeName ? t('helpdesk.ticket.assignedTo', { name: ticket.assigneeName }) : t('helpdesk.ticket.unassigned')}
          </Typography>
        )}
      </Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
        {myId && ticket.assigneeId !== myId && <Button variant="outlined" onClick={() => set({ assigneeId: myId })} disabled={update.isPending}>{t('helpdesk.ticket.assignMe')}</Button>}
        {ticket.assigneeId && <Button onClick={() => set({ assigneeId: null })} disabled={update.isPending}>{t('helpdesk.ticket.unassign')}</Button>}
      </Box>
      <ProblemAlert error={update.error} />
      <Typography role="status" variant="body2" sx={{ color: 'success.main', fontWeight: 500 }}>{saved}</Typography>
    </Box>
  );
}

function Conversation({ ticket, asHandler }: { ticket: Ticket; asHandler: boolean }) {
  const { me } = useAuth();
  return (
    <Box component="section" aria-labelledby="conversation-title" sx={{ mt: 3 }}>
      <Typography id="conversation-title" variant="h2" component="h2" sx={{ mb: 1 }}>{t('helpdesk.ticket.conversation')}</Typography>
      {ticket.messages.length === 0 ? (
        <Typography>{t('helpdesk.ticket.noMessages')}</Typography>
      ) : (
        <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
          {ticket.messages.map((message) => (
            <li key={message.id}>
              <Message message={message} mine={message.authorId === me?.person.id} asHandler={asHandler} />
            </li>
          ))}
        </Box>
      )}
    </Box>
  );
}

const author = (message: TicketMessage, mine: boolean) => (mine ? t('helpdesk.ticket.you') : message.authorName || t('helpdesk.ticket.someone'));

/** One message: his own on paper, support's tinted, an internal note dashed and marked in words. */
function Message({ message, mine, asHandler }: { message: TicketMessage; mine: boolean; asHandler: boolean }) {
  const headId = useId();
  const fromSupport = asHandler ? !message.byRequester : !mine;
  return (
    <Box
      component="article" aria-labelledby={headId}
      sx={{
        p: 1.5, borderRadius: 2, border: 1, borderStyle: message.internal ? 'dashed' : 'solid',
        borderColor: message.internal ? 'warning.main' : 'divider',
        bgcolor: message.internal ? '#fff6e5' : fromSupport ? '#f4ece3' : 'background.paper',
        ml: fromSupport || message.internal ? 0 : { xs: 2, sm: 6 }, mr: fromSupport || message.internal ? { xs: 2, sm: 6 } : 0,
      }}
    >
      <Typography id={headId} variant="body2" component="h3" sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1, fontWeight: 600 }}>
        <span>{author(message, mine)}</span>
        <Box component="span" sx={{ fontWeight: 400, color: 'text.secondary' }}>{when(message.writtenAt)}</Box>
        {message.via === 'MAIL' && <Box component="span" sx={{ fontWeight: 400, color: 'text.secondary' }}>{t('helpdesk.ticket.byMail')}</Box>}
      </Typography>
      {message.internal && <Box sx={{ my: 0.5 }}><Mark color="warning">{t('helpdesk.ticket.internal')}</Mark></Box>}
      <Typography sx={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere', mt: 0.5 }}>{message.body}</Typography>
    </Box>
  );
}

/** His reply; a handler's reply or internal note, and the status to set with it. */
function Reply({ ticket, asHandler }: { ticket: Ticket; asHandler: boolean }) {
  const navigate = useNavigate();
  const headingId = useId();
  // One key per message: sent again after a network error, it is written once; a new one once it went through.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [status, setStatus] = useState('');
  const [tried, setTried] = useState(false);
  const [sent, setSent] = useState('');
  const write = useWriteMessage(ticket.id, {
    onSuccess: (answer, v) => {
      setBody('');
      setStatus('');
      setTried(false);
      setKey(crypto.randomUUID());
      setSent(v.internal ? t('helpdesk.reply.noted') : t('helpdesk.reply.sent'));
      if (answer.id !== ticket.id) {
        navigate('/tickets/' + answer.id);
      }
    },
  });
  const blank = body.trim() === '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setSent('');
    if (blank || write.isPending) {
      return;
    }
    write.mutate({ key, body: body.trim(), internal: asHandler && internal, status: asHandler && status ? (status as TicketStatus) : undefined });
  };
  const label = internal ? t('helpdesk.reply.note') : asHandler ? t('helpdesk.reply.to', { name: ticket.requesterName }) : t('helpdesk.reply.yours');
  return (
    <Box component="form" onSubmit={submit} noValidate aria-labelledby={headingId} sx={{ mt: 3 }}>
      <Typography id={headingId} variant="h2" component="h2">{asHandler ? t('helpdesk.reply.titleHandler') : t('helpdesk.reply.title')}</Typography>
      {!asHandler && SOLVED.includes(ticket.status) && <Typography variant="body2" sx={{ mt: 0.5 }}>{t('helpdesk.reply.reopens')}</Typography>}
      <TextField
        label={label} value={body} onChange={(e) => setBody(e.target.value)} multiline minRows={3} required
        slotProps={{ htmlInput: { maxLength: MAX_BODY } }} error={blank && tried} helperText={blank && tried ? t('helpdesk.form.required') : undefined}
      />
      {asHandler && (
        <>
          <FormControlLabel sx={{ display: 'flex', mr: 0 }} control={<Switch checked={internal} onChange={(e) => setInternal(e.target.checked)} />} label={t('helpdesk.reply.internal')} />
          <TextField
            select label={t('helpdesk.reply.status')} value={status} onChange={(e) => setStatus(e.target.value)}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          >
            <option value="">{t('helpdesk.reply.keep', { status: statusLabel(ticket.status, true) })}</option>
            {STATUSES.filter((s) => s !== 'NEW').map((s) => <option key={s} value={s}>{statusLabel(s, true)}</option>)}
          </TextField>
        </>
      )}
      <ProblemAlert error={write.error} />
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: 2, flexWrap: 'wrap', mt: 1 }}>
        <Typography role="status" variant="body2" sx={{ color: 'success.main', fontWeight: 500, flexGrow: 1 }}>{sent}</Typography>
        <Button type="submit" variant="contained" disabled={write.isPending}>{internal ? t('helpdesk.reply.addNote') : t('helpdesk.reply.send')}</Button>
      </Box>
    </Box>
  );
}

/** Merging into another request of the same man, chosen from his others in the queue; then the one merged into opens. */
function Merge({ ticket }: { ticket: Ticket }) {
  const navigate = useNavigate();
  const titleId = useId();
  const labelId = useId();
  const [open, setOpen] = useState(false);
  const [into, setInto] = useState('');
  const queue = useQuery({ ...wholeQueueQuery(), enabled: open });
  const merge = useMergeTicket(ticket.id, {
    onSuccess: (target) => {
      setOpen(false);
      navigate('/tickets/' + target.id);
    },
  });
  return (
    <>
      <Button variant="outlined" onClick={() => setOpen(true)}>{t('helpdesk.merge.button')}</Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} fullWidth>
        <DialogTitle id={titleId}>{t('helpdesk.merge.title', { n: ticket.number })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('helpdesk.merge.help', { name: ticket.requesterName })}</DialogContentText>
          <Loaded query={queue}>
            {(page) => {
              const targets = mergeTargets(ticket, page.items);
              return targets.length === 0 ? (
                <Typography sx={{ mt: 2 }}>{t('helpdesk.merge.none', { name: ticket.requesterName })}</Typography>
              ) : (
                <FormControl sx={{ mt: 2 }}>
                  <FormLabel id={labelId}>{t('helpdesk.merge.into')}</FormLabel>
                  <RadioGroup aria-labelledby={labelId} value={into} onChange={(e) => setInto(e.target.value)}>
                    {targets.map((other) => (
                      <FormControlLabel
                        key={other.id} value={other.id} control={<Radio />} sx={{ alignItems: 'flex-start', '& .MuiFormControlLabel-label': { pt: 1.25, overflowWrap: 'anywhere' } }}
                        label={t('helpdesk.merge.option', { n: other.number, subject: other.subject, status: statusLabel(other.status, true) })}
                      />
                    ))}
                  </RadioGroup>
                </FormControl>
              );
            }}
          </Loaded>
          <ProblemAlert error={merge.error} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{t('helpdesk.cancel')}</Button>
          <Button variant="contained" disabled={!into || merge.isPending} onClick={() => merge.mutate(into)}>{t('helpdesk.merge.confirm')}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

/** Splitting the messages he ticks off into a new request of the same man (at least one stays); then the new one opens. */
function Split({ ticket }: { ticket: Ticket }) {
  const navigate = useNavigate();
  const titleId = useId();
  const legendId = useId();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [subject, setSubject] = useState('');
  const split = useSplitTicket(ticket.id, {
    onSuccess: (created) => {
      setOpen(false);
      navigate('/tickets/' + created.id);
    },
  });
  const all = chosen.length >= ticket.messages.length;
  return (
    <>
      <Button variant="outlined" onClick={() => setOpen(true)} disabled={ticket.messages.length < 2}>{t('helpdesk.split.button')}</Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} fullWidth>
        <DialogTitle id={titleId}>{t('helpdesk.split.title')}</DialogTitle>
        <DialogContent>
          <FormControl component="fieldset" sx={{ width: '100%' }}>
            <FormLabel component="legend" id={legendId}>{t('helpdesk.split.help')}</FormLabel>
            <FormGroup>
              {ticket.messages.map((m) => (
                <FormControlLabel
                  key={m.id} sx={{ alignItems: 'flex-start', mr: 0, '& .MuiFormControlLabel-label': { pt: 1.25, overflowWrap: 'anywhere' } }}
                  control={<Checkbox checked={chosen.includes(m.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, m.id] : chosen.filter((id) => id !== m.id))} />}
                  label={t('helpdesk.split.message', { author: m.authorName || t('helpdesk.ticket.someone'), when: when(m.writtenAt), excerpt: excerpt(m.body) })}
                />
              ))}
            </FormGroup>
          </FormControl>
          {all && <Typography color="error" variant="body2">{t('helpdesk.split.oneStays')}</Typography>}
          <TextField label={t('helpdesk.split.subject')} value={subject} onChange={(e) => setSubject(e.target.value)} slotProps={{ htmlInput: { maxLength: 200 } }} />
          <ProblemAlert error={split.error} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{t('helpdesk.cancel')}</Button>
          <Button variant="contained" disabled={chosen.length === 0 || all || split.isPending} onClick={() => split.mutate({ messageIds: chosen, subject: subject.trim() })}>
            {t('helpdesk.split.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

const excerpt = (body: string) => (body.length > 80 ? body.slice(0, 79) + '…' : body).replace(/\s+/g, ' ');
