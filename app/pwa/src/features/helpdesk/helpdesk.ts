import { t } from '../../i18n/t';
import { when } from '../../ui/format';
import type { QueueFilter } from './api/keys';
import type { ServiceLevel, Ticket, TicketStatus } from './api/types';

// What the help desk's screens show and send, worked out from what the server answered and who he is: no React, no requests.

export const STATUSES: TicketStatus[] = ['NEW', 'OPEN', 'WAITING_FOR_MEMBER', 'SOLVED', 'CLOSED'];

/** Whether he sees the ticket as one who handles it (not when it is his own: then he is the man asking). */
export const handling = (ticket: Pick<Ticket, 'handler' | 'requesterId'>, me: string | undefined): boolean => ticket.handler && ticket.requesterId !== me;

/** A status in words: as support calls it, or as the man who asked reads it ("Waiting for your answer"). */
export const statusLabel = (status: TicketStatus, asHandler: boolean): string => t((asHandler ? 'helpdesk.status.' : 'helpdesk.statusMine.') + status);

/** The colour of a status's mark (always beside its words). */
export const statusColour = (status: TicketStatus): 'primary' | 'warning' | 'success' | 'default' =>
  status === 'WAITING_FOR_MEMBER' ? 'warning' : status === 'SOLVED' ? 'success' : status === 'CLOSED' ? 'default' : 'primary';

/** One line of a ticket's service level; `late` lines are shown in red, and say so in words too. */
export interface LevelLine {
  text: string;
  late: boolean;
}

/** A ticket's service level in lines: the first answer, the solution, and whether the clock is stopped. */
export function levelLines(level: ServiceLevel): LevelLine[] {
  const lines: LevelLine[] = [];
  if (level.firstResponseDueAt) {
    const due = when(level.firstResponseDueAt);
    if (level.firstResponseAt) {
      lines.push(level.firstResponseBreached
        ? { text: t('helpdesk.level.firstMetLate', { when: when(level.firstResponseAt), due }), late: true }
        : { text: t('helpdesk.level.firstMet', { when: when(level.firstResponseAt) }), late: false });
    } else {
      lines.push(level.firstResponseBreached ? { text: t('helpdesk.level.firstLate', { due }), late: true } : { text: t('helpdesk.level.firstDue', { due }), late: false });
    }
  }
  if (level.resolutionDueAt) {
    const due = when(level.resolutionDueAt);
    if (level.solvedAt) {
      lines.push(level.resolutionBreached
        ? { text: t('helpdesk.level.solvedLate', { when: when(level.solvedAt), due }), late: true }
        : { text: t('helpdesk.level.solved', { when: when(level.solvedAt) }), late: false });
    } else {
      lines.push(level.resolutionBreached ? { text: t('helpdesk.level.solveLate', { due }), late: true } : { text: t('helpdesk.level.solveDue', { due }), late: false });
    }
  }
  if (lines.length === 0) {
    lines.push({ text: t('helpdesk.level.none'), late: false });
  }
  if (level.paused) {
    lines.push({ text: t('helpdesk.level.stopped'), late: false });
  }
  return lines;
}

/** Whether a ticket missed a level (for a mark in the queue). */
export const late = (ticket: Pick<Ticket, 'serviceLevel'>): boolean =>
  Boolean(ticket.serviceLevel && (ticket.serviceLevel.firstResponseBreached || ticket.serviceLevel.resolutionBreached));

/**
 * The tickets this one may be merged into: the same man's others of the same kind (care with care), not merged
 * themselves. The server decides; this only offers what it would take.
 */
export const mergeTargets = (ticket: Ticket, queue: readonly Ticket[]): Ticket[] =>
  queue.filter((other) => other.id !== ticket.id && other.requesterId === ticket.requesterId && other.care === ticket.care && !other.mergedIntoId);

/** A service level's minutes in words: "45 min", "4 h", "1 d 2 h"; "no target" without. */
export function duration(minutes: number | null | undefined): string {
  if (minutes == null) {
    return t('helpdesk.duration.none');
  }
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [
    days > 0 ? t('helpdesk.duration.d', { n: days }) : '',
    hours > 0 ? t('helpdesk.duration.h', { n: hours }) : '',
    rest > 0 ? t('helpdesk.duration.min', { n: rest }) : '',
  ].filter(Boolean);
  return parts.join(' ');
}

/** A minutes field as the API takes it: empty for none, else a whole number (the server says when it is out of range). */
export const minutesOf = (text: string): number | null => (text.trim() === '' ? null : Math.round(Number(text)));

/** The queue's filters read from the address (so that going back to the queue keeps them), and written to it. */
export function filterOf(params: URLSearchParams): QueueFilter {
  const who = params.get('who');
  const page = Number(params.get('page'));
  return {
    status: STATUSES.find((s) => s === params.get('status')),
    who: who === 'unassigned' || who === 'mine' ? who : undefined,
    categoryId: params.get('category') || undefined,
    page: Number.isInteger(page) && page > 0 ? page : 0,
  };
}

export function paramsOf(filter: QueueFilter): Record<string, string> {
  const params: Record<string, string> = {};
  if (filter.status) params.status = filter.status;
  if (filter.who) params.who = filter.who;
  if (filter.categoryId) params.category = filter.categoryId;
  if (filter.page > 0) params.page = String(filter.page);
  return params;
}
