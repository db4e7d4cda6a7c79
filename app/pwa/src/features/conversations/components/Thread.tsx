import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { Loaded, Page } from '../../../ui/Page';
import { ProblemAlert } from '../../../ui/Problem';
import { useBlock, useBlocked, useUnblock } from '../api/blocks';
import { conversationPeopleQuery, conversationQuery, useReadMarker } from '../api/conversations';
import { useEditMessage, useMessages, useRemoveMessage } from '../api/messages';
import { useOutbox, writeMessage } from '../api/outbox';
import { useOnline, usePresence, useTyping, useTypingSender, useWatchConversation } from '../realtime/hooks';
import type { Conversation, Message } from '../api/types';
import { byDay, bytesOf, dayLabel, lastOwn, merge, newestOfOthers, seenText, textProblem, timeOf, type Outgoing } from '../thread';

/** One conversation: its messages oldest first, by day, and the composer; the socket brings what arrives (polling while it is down). */
export default function Thread() {
  const { id = '' } = useParams();
  const conversation = useQuery(conversationQuery(id));
  const other = conversation.data?.kind === 'DIRECT' ? conversation.data.personId : null;
  const name = conversation.data?.title ?? '';
  return (
    <Page
      title={conversation.data?.title ?? t('chats.title')}
      actions={other ? <><PresenceDot personId={other} name={name} /><BlockMenu personId={other} name={name} /></> : undefined}
    >
      <Button component={Link} to="/chats" sx={{ ml: -1 }}>{'← ' + t('chats.all')}</Button>
      <Loaded query={conversation}>{(data) => <ThreadOf conversation={data} />}</Loaded>
    </Page>
  );
}

function ThreadOf({ conversation }: { conversation: Conversation }) {
  const { me } = useAuth();
  const myId = me?.person.id;
  const messages = useMessages(conversation.id);
  const outbox = useOutbox(conversation.id);
  // An admin or an event's manager may read its staff chat without being on its staff: the socket then sends him its
  // frames only while he watches it.
  useWatchConversation(conversation.id, conversation.kind === 'EVENT_STAFF');
  const listed = useMemo(() => messages.data?.pages.flatMap((page) => page.items) ?? [], [messages.data]);
  const entries = useMemo(() => merge(listed, outbox.sent, outbox.outgoing), [listed, outbox.sent, outbox.outgoing]);
  useReadMarker(conversation, newestOfOthers(listed, myId));
  const announcement = useAnnouncement(listed, myId, messages.data !== undefined);
  const last = entries[entries.length - 1];
  const end = useFollow(last?.key, last?.kind === 'outgoing');
  const own = lastOwn(entries, myId);
  const seen = own ? seenText(own, conversation) : null;

  let body: ReactNode;
  if (messages.isPending) {
    body = (
      <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 2 }}>
        <CircularProgress size={20} aria-hidden />
        <span>{t('app.loading')}</span>
      </Box>
    );
  } else if (!messages.data) {
    body = <ProblemAlert error={messages.error} />;
  } else {
    body = (
      <>
        {messages.hasNextPage && (
          <Box sx={{ textAlign: 'center', my: 1 }}>
            <Button variant="outlined" onClick={() => void messages.fetchNextPage()} disabled={messages.isFetchingNextPage}>{t('chats.earlier')}</Button>
          </Box>
        )}
        {entries.length === 0 && <Typography sx={{ my: 2 }}>{t('chats.empty')}</Typography>}
        {byDay(entries).map((day) => (
          <Box component="section" key={day.key} aria-labelledby={'day-' + day.key}>
            <Typography id={'day-' + day.key} variant="overline" component="h2" sx={{ display: 'block', textAlign: 'center', color: 'text.secondary', mt: 2, mb: 1 }}>
              {dayLabel(day.key)}
            </Typography>
            <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 1 }}>
              {day.entries.map((entry) =>
                entry.kind === 'message' ? (
                  <MessageItem key={entry.key} message={entry.message} mine={entry.message.authorId === myId} conversation={conversation} seen={entry.message === own ? seen : null} />
                ) : (
                  <OutgoingItem key={entry.key} outgoing={entry.outgoing} onDiscard={() => void outbox.discard(entry.key)} />
                ),
              )}
            </Box>
          </Box>
        ))}
      </>
    );
  }
  return (
    <Box aria-label={t('chats.messages')} component="section">
      <div role="status" className="visually-hidden">{announcement}</div>
      {conversation.kind !== 'DIRECT' && conversation.canPost && <OnlineNow conversation={conversation} me={myId} />}
      {body}
      <Typing conversation={conversation} listed={listed} />
      <Composer conversation={conversation} />
      <div ref={end} />
    </Box>
  );
}

const DOT: Record<string, string> = { online: '#2e7d32', away: '#ed6c02', offline: '#9e9e9e' };

/** In a one-to-one, whether the other man is here now: a dot, with its meaning in words for those who do not see it. */
export function PresenceDot({ personId, name }: { personId: string; name: string }) {
  const status = usePresence(personId);
  if (!status || !DOT[status]) {
    return null;
  }
  const label = t('chats.presence.' + status, { name });
  return (
    <Box
      component="span" role="img" aria-label={label} title={label} data-presence={status}
      sx={{ display: 'inline-block', width: 12, height: 12, borderRadius: '50%', bgcolor: DOT[status], border: 1, borderColor: 'background.paper', flexShrink: 0 }}
    />
  );
}

/** In a circle's or a staff chat, which of its other people are online now (by name); nothing while none is. */
export function OnlineNow({ conversation, me }: { conversation: Conversation; me: string | undefined }) {
  const people = useQuery(conversationPeopleQuery(conversation.id));
  const others = useMemo(() => (people.data?.items ?? []).filter((p) => p.personId !== me), [people.data, me]);
  const online = useOnline(useMemo(() => others.map((p) => p.personId), [others]));
  if (online.length === 0) {
    return null;
  }
  const names = others.filter((p) => online.includes(p.personId)).map((p) => p.name);
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, color: 'text.secondary', my: 1 }} data-online={online.length}>
      <Box component="span" aria-hidden sx={{ width: 10, height: 10, borderRadius: '50%', bgcolor: DOT.online, flexShrink: 0 }} />
      <Typography variant="body2">{t('chats.onlineNow', { names: names.join(', '), n: online.length, of: others.length })}</Typography>
    </Box>
  );
}

/** In a one-to-one, blocking the other man, once he has read what it does and confirmed; unblocking him when he is blocked. */
function BlockMenu({ personId, name }: { personId: string; name: string }) {
  const blocked = useBlocked(personId);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [confirming, setConfirming] = useState(false);
  const block = useBlock({ onSuccess: () => setConfirming(false) });
  const unblock = useUnblock();
  const menuId = useId();
  const titleId = useId();
  if (blocked === undefined) {
    return null;
  }
  return (
    <>
      <IconButton
        aria-label={t('chats.block.menu', { name })} aria-haspopup="menu" aria-controls={anchor ? menuId : undefined} aria-expanded={Boolean(anchor)}
        onClick={(e) => setAnchor(e.currentTarget)}
      >
        <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true">
          <path fill="currentColor" d="M12 8a2 2 0 1 0 0-4 2 2 0 0 0 0 4zm0 2a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm0 6a2 2 0 1 0 0 4 2 2 0 0 0 0-4z" />
        </svg>
      </IconButton>
      <Menu id={menuId} anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)}>
        {blocked ? (
          <MenuItem onClick={() => { setAnchor(null); unblock.mutate(personId); }} disabled={unblock.isPending}>{t('chats.block.unblock', { name })}</MenuItem>
        ) : (
          <MenuItem onClick={() => { setAnchor(null); block.reset(); setConfirming(true); }}>{t('chats.block.block', { name })}</MenuItem>
        )}
      </Menu>
      {unblock.error && <Box sx={{ flexBasis: '100%' }}><ProblemAlert error={unblock.error} /></Box>}
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby={titleId}>
        <DialogTitle id={titleId}>{t('chats.block.title', { name })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('chats.block.help')}</DialogContentText>
          <ProblemAlert error={block.error} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>{t('chats.cancel')}</Button>
          <Button color="error" variant="contained" onClick={() => block.mutate(personId)} disabled={block.isPending}>{t('chats.block.confirm')}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

/** "Tom is typing…" while the socket says so; a polite live region, so that a screen reader hears it between other things. */
export function Typing({ conversation, listed }: { conversation: Conversation; listed: readonly Message[] }) {
  const typing = useTyping(conversation.id);
  const names = typing.map((person) => listed.find((m) => m.authorId === person)?.authorName ?? (conversation.kind === 'DIRECT' ? conversation.title : t('chats.someone')));
  let text = '';
  if (names.length === 1) {
    text = t('chats.typingOne', { name: names[0] });
  } else if (names.length === 2) {
    text = t('chats.typingTwo', { name: names[0], other: names[1] });
  } else if (names.length > 2) {
    text = t('chats.typingMany', { n: names.length });
  }
  return (
    <Typography aria-live="polite" variant="body2" color="text.secondary" sx={{ minHeight: '1.5em', mt: 1, fontStyle: 'italic' }}>
      {text}
    </Typography>
  );
}

/** What a screen reader hears when messages of others arrive while the thread is open (not those there when it opened). */
function useAnnouncement(listed: readonly Message[], me: string | undefined, loaded: boolean): string {
  const [text, setText] = useState('');
  const known = useRef<number | null>(null);
  const top = listed.reduce((max, message) => Math.max(max, message.offset), 0);
  useEffect(() => {
    if (!loaded) {
      return;
    }
    const before = known.current;
    if (before !== null && top > before) {
      const fresh = listed.filter((message) => message.offset > before && message.authorId !== me && !message.removed);
      if (fresh.length === 1) {
        setText(t('chats.newFrom', { name: fresh[0].authorName, text: fresh[0].text ?? '' }));
      } else if (fresh.length > 1) {
        setText(t('chats.newMany', { n: fresh.length }));
      }
    }
    known.current = Math.max(before ?? 0, top);
    // The newest offset alone says whether anything arrived: the list is read only when it moves.
  }, [top, loaded]);
  return text;
}

/** Keeps the newest message in view as messages arrive, unless he has scrolled up to read; what he sends always shows. */
function useFollow(lastKey: string | undefined, his: boolean) {
  const end = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  useEffect(() => {
    const measure = () => {
      atBottom.current = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 160;
    };
    window.addEventListener('scroll', measure, { passive: true });
    return () => window.removeEventListener('scroll', measure);
  }, []);
  useEffect(() => {
    if (lastKey && (atBottom.current || his)) {
      end.current?.scrollIntoView?.({ block: 'end' });
    }
  }, [lastKey, his]);
  return end;
}

function Bubble({ mine, pending, children }: { mine: boolean; pending?: boolean; children: ReactNode }) {
  return (
    <Box
      sx={{
        px: 1.5, py: 1, borderRadius: 2, border: 1, borderStyle: pending ? 'dashed' : 'solid',
        borderColor: mine ? 'primary.light' : 'divider', bgcolor: mine ? '#f6ebe1' : 'background.paper',
      }}
    >
      {children}
    </Box>
  );
}

/** Who wrote it and when: his own say "You", so that whose it is never rests on colour or side alone. */
function Byline({ name, at, edited, children }: { name: string; at: string; edited?: boolean; children?: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
      <Typography variant="body2" component="p" sx={{ flexGrow: 1 }}>
        <Box component="span" sx={{ fontWeight: 700 }}>{name}</Box>
        {' · '}
        <time dateTime={at}>{timeOf(at)}</time>
        {edited && ' · ' + t('chats.edited')}
      </Typography>
      {children}
    </Box>
  );
}

const Text = ({ children }: { children: ReactNode }) => <Typography sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{children}</Typography>;

function MessageItem({ message, mine, conversation, seen }: { message: Message; mine: boolean; conversation: Conversation; seen: string | null }) {
  const [editing, setEditing] = useState(false);
  return (
    <Box component="li" sx={{ alignSelf: mine ? 'flex-end' : 'flex-start', maxWidth: '88%', minWidth: '40%' }}>
      <Bubble mine={mine}>
        <Byline name={mine ? t('chats.you') : message.authorName} at={message.sentAt} edited={Boolean(message.editedAt) && !message.removed}>
          {mine && !message.removed && !editing && <MessageActions message={message} conversation={conversation} onEdit={() => setEditing(true)} />}
        </Byline>
        {message.removed ? (
          <Typography sx={{ fontStyle: 'italic' }} color="text.secondary">{t('chats.removed')}</Typography>
        ) : editing ? (
          <EditMessage message={message} onDone={() => setEditing(false)} />
        ) : (
          <Text>{message.text}</Text>
        )}
      </Bubble>
      {seen && <Typography variant="caption" component="p" color="text.secondary" sx={{ textAlign: 'right', mt: 0.5 }}>{seen}</Typography>}
    </Box>
  );
}

/** His message's actions: edit it (while he may write here) or remove it, after he confirms. */
function MessageActions({ message, conversation, onEdit }: { message: Message; conversation: Conversation; onEdit: () => void }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [confirming, setConfirming] = useState(false);
  const remove = useRemoveMessage(conversation.id, { onSuccess: () => setConfirming(false) });
  const menuId = useId();
  const titleId = useId();
  return (
    <>
      <IconButton
        size="small" aria-label={t('chats.actions', { time: timeOf(message.sentAt) })} aria-haspopup="menu" aria-controls={anchor ? menuId : undefined} aria-expanded={Boolean(anchor)}
        onClick={(e) => setAnchor(e.currentTarget)} sx={{ my: -1, mr: -1 }}
      >
        <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true">
          <path fill="currentColor" d="M12 8a2 2 0 1 0 0-4 2 2 0 0 0 0 4zm0 2a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm0 6a2 2 0 1 0 0 4 2 2 0 0 0 0-4z" />
        </svg>
      </IconButton>
      <Menu id={menuId} anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)}>
        {conversation.canPost && (
          <MenuItem onClick={() => { setAnchor(null); onEdit(); }}>{t('chats.edit')}</MenuItem>
        )}
        <MenuItem onClick={() => { setAnchor(null); setConfirming(true); }}>{t('chats.remove')}</MenuItem>
      </Menu>
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby={titleId}>
        <DialogTitle id={titleId}>{t('chats.removeTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('chats.removeHelp')}</DialogContentText>
          <ProblemAlert error={remove.error} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>{t('chats.keep')}</Button>
          <Button color="error" variant="contained" onClick={() => remove.mutate(message.id)} disabled={remove.isPending}>{t('chats.remove')}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

function EditMessage({ message, onDone }: { message: Message; onDone: () => void }) {
  const [text, setText] = useState(message.text ?? '');
  const edit = useEditMessage(message.conversationId, { onSuccess: onDone });
  const problem = textProblem(text);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!problem) {
      edit.mutate({ id: message.id, text });
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('chats.edit')}>
      <TextField
        label={t('chats.editLabel')} value={text} onChange={(e) => setText(e.target.value)} multiline maxRows={8} autoFocus
        error={problem === 'tooLong'} helperText={problem === 'tooLong' ? t('chats.tooLong', { n: bytesOf(text) }) : undefined}
      />
      <ProblemAlert error={edit.error} />
      <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end' }}>
        <Button onClick={onDone}>{t('chats.cancel')}</Button>
        <Button type="submit" variant="contained" disabled={problem !== null || edit.isPending}>{t('chats.save')}</Button>
      </Box>
    </form>
  );
}

/** A message he wrote that the server has not listed yet: sending, waiting for the network, or refused (then he discards it). */
function OutgoingItem({ outgoing, onDiscard }: { outgoing: Outgoing; onDiscard: () => void }) {
  // The server's own words: why this conversation is closed to him (he left the circle, one of them blocked the other).
  const reason = outgoing.refusal?.detail;
  return (
    <Box component="li" sx={{ alignSelf: 'flex-end', maxWidth: '88%', minWidth: '40%' }} data-state={outgoing.state}>
      <Bubble mine pending>
        <Byline name={t('chats.you')} at={outgoing.writtenAt} />
        <Text>{outgoing.text}</Text>
      </Bubble>
      {outgoing.state === 'refused' ? (
        <Box role="alert" sx={{ display: 'flex', alignItems: 'center', gap: 1, justifyContent: 'flex-end', flexWrap: 'wrap' }}>
          <Typography variant="body2" color="error">{t('chats.refused', { reason: reason ?? '' })}</Typography>
          <Button size="small" onClick={onDiscard}>{t('chats.discard')}</Button>
        </Box>
      ) : (
        <Typography variant="caption" component="p" color="text.secondary" sx={{ textAlign: 'right', mt: 0.5 }}>
          {outgoing.state === 'sending' ? t('chats.sending') : t('chats.waiting')}
        </Typography>
      )}
    </Box>
  );
}

/**
 * The composer: a message goes to the device's queue at once and is sent from there; closed, with the reason, when he
 * may not write. Closed at once when he blocks the man of a one-to-one, before the server's `canPost` is read again.
 */
function Composer({ conversation }: { conversation: Conversation }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const typing = useTypingSender(conversation.id);
  const problem = textProblem(text);
  const blocked = useBlocked(conversation.kind === 'DIRECT' ? conversation.personId : null) === true;
  const closed = !conversation.canPost || blocked;
  const send = () => {
    if (problem || closed) {
      return;
    }
    // The server refuses NUL characters: they cannot be meant.
    const written = text.replace(/\u0000/g, '');
    setText('');
    setError(null);
    writeMessage(conversation, written).catch((failure) => {
      setText(written);
      setError(failure);
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send();
  };
  return (
    <Box component="form" onSubmit={submit} noValidate aria-label={t('chats.message')} sx={{ position: 'sticky', bottom: 0, bgcolor: 'background.default', pt: 1, pb: 1, mt: 2 }}>
      {blocked && <Alert severity="info" role="status" sx={{ mb: 1 }}>{t('chats.block.notice', { name: conversation.title })}</Alert>}
      <ProblemAlert error={error} />
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
        <TextField
          id={'composer-' + conversation.id} label={t('chats.message')} value={text} disabled={closed} multiline maxRows={6}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim() !== '') {
              typing();
            }
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              send();
            }
          }}
          error={problem === 'tooLong'}
          helperText={blocked ? t('chats.block.closed') : closed ? t('chats.readOnly') : problem === 'tooLong' ? t('chats.tooLong', { n: bytesOf(text) }) : t('chats.sendHelp')}
          // Why he cannot write stays readable: MUI greys a disabled field's helper text below the contrast axe asks for.
          sx={{ my: 0, '& .MuiFormHelperText-root.Mui-disabled': { color: 'text.secondary' } }}
        />
        <Button type="submit" variant="contained" disabled={closed || problem !== null} sx={{ flexShrink: 0, mt: 0.5 }}>{t('chats.send')}</Button>
      </Box>
    </Box>
  );
}
