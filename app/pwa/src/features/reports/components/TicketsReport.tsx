import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { t } from '../../../i18n/t';
import { Loaded, Section } from '../../../ui/Page';
import { ticketsReportQuery } from '../api/reports';
import type { TicketReportLine as Line } from '../api/types';

const STATUSES = ['NEW', 'OPEN', 'WAITING_FOR_MEMBER', 'SOLVED', 'CLOSED'] as const;

/** The help desk in numbers for leadership: per category, requests in each status and levels missed (in red, and in words). */
export function TicketsReport() {
  const report = useQuery(ticketsReportQuery());
  return (
    <Section title={t('reports.tickets')}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{t('reports.ticketsHelp')}</Typography>
      <Loaded query={report}>
        {(data) =>
          data.items.length === 0 ? (
            <Typography>{t('reports.noTickets')}</Typography>
          ) : (
            <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 1 }}>
              {data.items.map((line) => <li key={line.categoryId}><CategoryLine line={line} /></li>)}
            </Box>
          )
        }
      </Loaded>
    </Section>
  );
}

function CategoryLine({ line }: { line: Line }) {
  const titleId = useId();
  const late = (n: number) => ({ color: n > 0 ? 'error.main' : 'text.primary', fontWeight: n > 0 ? 600 : 400 });
  return (
    <Box component="article" aria-labelledby={titleId} sx={{ p: 1.5, borderRadius: 2, border: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      <Typography id={titleId} variant="h3" component="h3" sx={{ overflowWrap: 'anywhere' }}>
        {line.categoryName}{line.care ? ' · ' + t('reports.care') : ''}
      </Typography>
      <Typography variant="body2" sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1.5 }}>
        {STATUSES.map((status) => <span key={status}>{t('reports.ticketCount', { status: t('helpdesk.status.' + status), n: line.tickets[status] ?? 0 })}</span>)}
      </Typography>
      <Typography variant="body2" sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1.5 }}>
        <Box component="span" sx={late(line.firstResponseBreached)}>{t('reports.firstLate', { n: line.firstResponseBreached })}</Box>
        <Box component="span" sx={late(line.resolutionBreached)}>{t('reports.solvedLate', { n: line.resolutionBreached })}</Box>
      </Typography>
    </Box>
  );
}
