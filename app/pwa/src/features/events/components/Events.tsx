import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { t } from '../../../i18n/t';
import { Loaded, Page } from '../../../ui/Page';
import { monthEventsQuery, useComingEvents } from '../api/events';
import type { EventView } from '../api/types';
import { priceLabel } from '../price';
import { EventLinks } from './EventLinks';

export default function Events() {
  const [view, setView] = useState<'list' | 'month'>('list');
  return (
    <Page
      title={t('menu.events')}
      actions={
        <ToggleButtonGroup exclusive value={view} onChange={(_, v) => v && setView(v)} aria-label={t('menu.events')} size="small">
          <ToggleButton value="list">{t('events.list')}</ToggleButton>
          <ToggleButton value="month">{t('events.month')}</ToggleButton>
        </ToggleButtonGroup>
      }
    >
      {view === 'list' ? <EventList /> : <Month />}
    </Page>
  );
}

function EventList() {
  const events = useComingEvents(50);
  return (
    <Loaded query={events}>
      {(page) => <EventLinks events={page.items} empty={t('home.noEvents')} detail={(event) => priceLabel(event.priceOptions) + ' · ' + t('events.seatsLeft', { n: event.openSeats })} />}
    </Loaded>
  );
}

const WEEKDAYS = Array.from({ length: 7 }, (_, i) => new Intl.DateTimeFormat(undefined, { weekday: 'short' }).format(new Date(2024, 0, 1 + i)));

function Month() {
  const [month, setMonth] = useState(() => {
    const now = new Date();
    return new Date(now.getFullYear(), now.getMonth(), 1);
  });
  const end = new Date(month.getFullYear(), month.getMonth() + 1, 1);
  const events = useQuery(monthEventsQuery(month, end));
  const lead = (month.getDay() + 6) % 7;
  const days = new Date(month.getFullYear(), month.getMonth() + 1, 0).getDate();
  const byDay = new Map<number, EventView[]>();
  for (const event of events.data?.items ?? []) {
    const d = new Date(event.startsAt).getDate();
    byDay.set(d, [...(byDay.get(d) ?? []), event]);
  }
  const title = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' }).format(month);
  // Weeks start on Monday; empty cells pad the first and last week.
  const cells: (number | null)[] = [...Array.from({ length: lead }, () => null), ...Array.from({ length: days }, (_, i) => i + 1)];
  while (cells.length % 7 !== 0) {
    cells.push(null);
  }
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  return (
    <>
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', my: 1 }}>
        <Button onClick={() => setMonth(new Date(month.getFullYear(), month.getMonth() - 1, 1))}>{t('common.previous')}</Button>
        <Typography variant="h2" component="h2" aria-live="polite">{title}</Typography>
        <Button onClick={() => setMonth(new Date(month.getFullYear(), month.getMonth() + 1, 1))}>{t('common.next')}</Button>
      </Box>
      <Box component="table" aria-label={title} sx={{ width: '100%', tableLayout: 'fixed', borderCollapse: 'separate', borderSpacing: 4 }}>
        <thead>
          <tr>
            {WEEKDAYS.map((d) => (
              <Box component="th" scope="col" key={d} sx={{ fontWeight: 600, fontSize: 12 }}>{d}</Box>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, w) => (
            <tr key={w}>
              {week.map((d, i) => (
                <Box component="td" key={i} sx={{ height: 56, verticalAlign: 'top', border: d ? '1px solid' : 'none', borderColor: 'divider', borderRadius: 1, p: 0.5, fontSize: 12, overflow: 'hidden', wordBreak: 'break-word' }}>
                  {d && <div>{d}</div>}
                  {d && (byDay.get(d) ?? []).map((event) => (
                    <Link key={event.id} to={'/events/' + event.id} style={{ display: 'block', color: '#7a3b12', fontWeight: 600, minHeight: 24 }}>
                      {event.title}
                    </Link>
                  ))}
                </Box>
              ))}
            </tr>
          ))}
        </tbody>
      </Box>
    </>
  );
}
