import { locale, t } from '../../i18n/t';
import { instantOf } from '../../ui/wallClock';
import type { Availability, Poll, PollKind, PollOption, PollRequest } from './api/types';

// What the polls screens show and send, worked out from what the server answered and who he is: no React, no requests.

/** The zone a poll's times are shown in: the one its asker locked, else the man's own. */
export const zoneOf = (poll: Pick<Poll, 'timeZone'>, viewerZone: string): string => poll.timeZone || viewerZone;

/** The zone he lives by (his profile's, else the organisation's, as /me says), else his phone's. */
export const viewerZone = (meZone: string | null | undefined): string => meZone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const formatter = (zone: string) => {
  const options: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  try {
    return new Intl.DateTimeFormat(locale(), { ...options, timeZone: zone });
  } catch {
    return new Intl.DateTimeFormat(locale(), options);
  }
};

/** A moment in the zone: "Tue 15 Dec, 19:00". */
export const at = (iso: string | null | undefined, zone: string): string => (iso ? formatter(zone).format(new Date(iso)) : '');

/** A slot in the zone, start to end: "Tue 15 Dec, 19:00 – 20:30". */
export function slotTime(option: Pick<PollOption, 'startsAt' | 'endsAt'>, zone: string): string {
  if (!option.startsAt) {
    return '';
  }
  return option.endsAt ? formatter(zone).formatRange(new Date(option.startsAt), new Date(option.endsAt)) : at(option.startsAt, zone);
}

/** What an option is called: a question's label, or a slot's time. */
export const optionName = (option: PollOption, zone: string): string => option.label ?? slotTime(option, zone);

/** A zone as people read it: "America/New York". */
export const zoneName = (zone: string): string => zone.replace(/_/g, ' ');

/** Whom it asks: its circle, or everyone. */
export const audienceOf = (poll: Pick<Poll, 'scope' | 'circleName'>): string => (poll.scope === 'CIRCLE' ? poll.circleName ?? t('polls.aCircle') : t('polls.everyone'));

/** Whom it asks, as a line: "To Tuesday Circle", "To everyone". */
export const toWhom = (poll: Pick<Poll, 'scope' | 'circleName'>): string =>
  poll.scope === 'CIRCLE' ? t('polls.to', { audience: audienceOf(poll) }) : t('polls.toEveryone');

/** Where the poll stands, with its date: "Open · answers until Tue 15 Dec, 18:00", "Closed Wed 16 Dec, 09:12". */
export function standing(poll: Poll, zone: string): string {
  const status = t('polls.status.' + poll.status);
  if (poll.status === 'CLOSED') {
    return poll.closedAt ? t('polls.closedOn', { status, when: at(poll.closedAt, zone) }) : status;
  }
  if (poll.deadline) {
    return t(poll.status === 'OPEN' ? 'polls.until' : 'polls.endedOn', { status, when: at(poll.deadline, zone) });
  }
  return status;
}

/** Polls not closed first (newest first), then the closed ones (newest first), each once. */
export function openFirst(open: readonly Poll[], all: readonly Poll[]): { open: Poll[]; closed: Poll[] } {
  const seen = new Set<string>();
  const once = (poll: Poll) => !seen.has(poll.id) && Boolean(seen.add(poll.id));
  const stillOpen = [...open, ...all.filter((poll) => poll.status !== 'CLOSED')].filter(once);
  return { open: stillOpen, closed: all.filter((poll) => poll.status === 'CLOSED').filter(once) };
}

/** His answers as the server holds them: an availability per slot he answered. */
export const slotAnswersOf = (poll: Poll): Record<string, Availability> =>
  Object.fromEntries(poll.options.filter((o) => o.mine === 'YES' || o.mine === 'IF_NEED_BE' || o.mine === 'NO').map((o) => [o.id, o.mine as Availability]));

/** The options he chose, as the server holds them. */
export const choicesOf = (poll: Poll): string[] => poll.options.filter((o) => o.mine === 'CHOSEN').map((o) => o.id);

/** What clashes with a slot: for him, in words (or null); for the others, how many men. */
export function clashesOf(option: PollOption, me: string | undefined): { mine: string | null; others: number } {
  const own = option.clashes.find((c) => c.personId === me);
  const others = new Set(option.clashes.filter((c) => c.personId !== me).map((c) => c.personId)).size;
  if (!own) {
    return { mine: null, others };
  }
  const what = own.what ?? '';
  return { mine: t(own.kind === 'EVENT' ? (what ? 'polls.clash.event' : 'polls.clash.anEvent') : what ? 'polls.clash.circle' : 'polls.clash.aCircle', { what }), others };
}

/** "1 man has a clash", "3 men have a clash". */
export const othersClash = (n: number): string => t(n === 1 ? 'polls.clash.one' : 'polls.clash.other', { n });

/** The share of those who answered that chose an option, as a bar's width (0 to 100). */
export const share = (chosen: number, respondents: number): number => (respondents > 0 ? Math.round(Math.min(1, chosen / respondents) * 100) : 0);

/** A new poll as the form holds it: times as typed (local date-times in his zone), numbers as typed. */
export interface Draft {
  kind: PollKind;
  question: string;
  description: string;
  options: { key: string; startsAt: string; label: string; capacity: string }[];
  minutes: string;
  multiple: boolean;
  anonymous: boolean;
  deadline: string;
  quorum: string;
  lockTimeZone: boolean;
  replacesMeeting: string;
}

let keys = 0;

/** A blank option for the form (its key keeps React's rows apart when one is removed). */
export const blankOption = (): Draft['options'][number] => ({ key: 'o' + ++keys, startsAt: '', label: '', capacity: '' });

export const blankDraft = (kind: PollKind = 'MEETING_TIME'): Draft => ({
  kind, question: '', description: '', options: [blankOption(), blankOption()], minutes: '', multiple: false, anonymous: false, deadline: '', quorum: '', lockTimeZone: false, replacesMeeting: '',
});

const whole = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/** What the form leaves empty that must be filled: the question, and each option's time or label. */
export function missing(draft: Draft): { question: boolean; options: boolean[] } {
  return {
    question: draft.question.trim() === '',
    options: draft.options.map((o) => (draft.kind === 'MEETING_TIME' ? o.startsAt === '' : o.label.trim() === '')),
  };
}

/**
 * The request for a new poll: to the circle when there is one, else to the organisation; times typed in `zone` sent as
 * instants; what belongs to the other kind of poll (a quorum for a question, several choices for a time) left out.
 */
export function requestOf(draft: Draft, circleId: string | undefined, zone: string): PollRequest {
  const slots = draft.kind === 'MEETING_TIME';
  const minutes = whole(draft.minutes);
  const quorum = whole(draft.quorum);
  const description = draft.description.trim();
  return {
    scope: circleId ? 'CIRCLE' : 'ORGANISATION',
    ...(circleId ? { circleId } : {}),
    kind: draft.kind,
    question: draft.question.trim(),
    ...(description ? { description } : {}),
    options: draft.options.map((o) => {
      const capacity = whole(o.capacity);
      return {
        ...(slots ? { startsAt: instantOf(o.startsAt, zone), ...(minutes !== undefined ? { minutes } : {}) } : { label: o.label.trim() }),
        ...(capacity !== undefined ? { capacity } : {}),
      };
    }),
    ...(slots ? { lockTimeZone: draft.lockTimeZone } : { multiple: draft.multiple, anonymous: draft.anonymous }),
    ...(draft.deadline ? { deadline: instantOf(draft.deadline, zone) } : {}),
    ...(slots && circleId && quorum !== undefined ? { quorum } : {}),
    ...(slots && circleId && draft.replacesMeeting ? { replacesMeeting: draft.replacesMeeting } : {}),
  };
}
