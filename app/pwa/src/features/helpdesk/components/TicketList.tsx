import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MuiLink from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { when } from '../../../ui/format';
import type { Ticket, TicketStatus } from '../api/types';
import { late, statusColour, statusLabel } from '../helpdesk';

type Level = 'h2' | 'h3';

/** A small outlined mark in words (never colour alone). */
export function Mark({ children, color = 'default' }: { children: ReactNode; color?: 'primary' | 'success' | 'warning' | 'error' | 'default' }) {
  return (
    <Box
      component="span"
      sx={{
        display: 'inline-block', px: 1, py: 0.25, borderRadius: 1, border: 1, fontSize: '0.8125rem', fontWeight: 600, lineHeight: 1.5, whiteSpace: 'nowrap',
        color: color === 'default' ? 'text.secondary' : color + '.main', borderColor: color === 'default' ? 'divider' : color + '.main',
      }}
    >
      {children}
    </Box>
  );
}

export const StatusMark = ({ status, asHandler }: { status: TicketStatus; asHandler: boolean }) => (
  <Mark color={statusColour(status)}>{statusLabel(status, asHandler)}</Mark>
);

/**
 * Tickets, each with its subject as a heading of `level` (a link to it), its number, category and status; for those
 * who handle them also who asked, who has it, and whether it is late or waits for the member.
 */
export function TicketCards({ tickets, asHandler, level }: { tickets: readonly Ticket[]; asHandler: boolean; level: Level }) {
  return (
    <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      {tickets.map((ticket) => (
        <li key={ticket.id}>
          <TicketCard ticket={ticket} asHandler={asHandler} level={level} />
        </li>
      ))}
    </Box>
  );
}

function TicketCard({ ticket, asHandler, level }: { ticket: Ticket; asHandler: boolean; level: Level }) {
  const titleId = useId();
  return (
    <Box component="article" aria-labelledby={titleId} sx={{ p: 2, borderRadius: 2, border: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      <Typography id={titleId} variant="h3" component={level} sx={{ overflowWrap: 'anywhere' }}>
        <MuiLink component={Link} to={'/tickets/' + ticket.id} underline="hover" color="primary">{ticket.subject}</MuiLink>
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, my: 0.75 }}>
        <StatusMark status={ticket.status} asHandler={asHandler} />
        {ticket.care && <Mark>{t('helpdesk.care')}</Mark>}
        {asHandler && late(ticket) && <Mark color="error">{t('helpdesk.queue.late')}</Mark>}
        {asHandler && ticket.serviceLevel?.paused && <Mark>{t('helpdesk.queue.stopped')}</Mark>}
      </Box>
      <Typography variant="body2" color="text.secondary" component="p" sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1, overflowWrap: 'anywhere' }}>
        <span>{t('helpdesk.number', { n: ticket.number })}</span>
        <span aria-hidden="true">·</span>
        <span>{ticket.categoryName}</span>
      </Typography>
      {asHandler && <Typography variant="body2">{t('helpdesk.ticket.from', { name: ticket.requesterName })}</Typography>}
      {asHandler && (
        <Typography variant="body2">{ticket.assigneeName ? t('helpdesk.ticket.assignedTo', { name: ticket.assigneeName }) : t('helpdesk.ticket.unassigned')}</Typography>
      )}
      <Typography variant="body2" color="text.secondary">{t('helpdesk.updated', { when: when(ticket.updatedAt) })}</Typography>
    </Box>
  );
}

/** For the men who handle tickets: their own requests and the queue, side by side. */
export function HelpNav({ current }: { current: '/tickets' | '/helpdesk' }) {
  const { can } = useAuth();
  if (!can('support.assist') && !can('care.handle')) {
    return null;
  }
  const link = (to: '/tickets' | '/helpdesk', label: string) => (
    <Button component={Link} to={to} variant={to === current ? 'contained' : 'outlined'} aria-current={to === current ? 'page' : undefined} sx={{ flex: '1 1 8rem' }}>
      {label}
    </Button>
  );
  return (
    <Box component="nav" aria-label={t('helpdesk.views')} sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mb: 2 }}>
      {link('/tickets', t('helpdesk.mine'))}
      {link('/helpdesk', t('helpdesk.queue.title'))}
    </Box>
  );
}
