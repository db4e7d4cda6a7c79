import Button from '@mui/material/Button';
import { Link } from 'react-router';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { Loaded, Page } from '../../../ui/Page';
import { useComingEvents, useEventsIRun } from '../api/events';
import { EventLinks } from './EventLinks';

/** The coming events he runs (he is on their staff); admins, who run every event, see them all. */
export default function Staff() {
  const { can } = useAuth();
  const all = useComingEvents(100);
  const staffed = useEventsIRun();
  const events = can('organisation.manage') ? all : staffed;
  return (
    <Page title={t('staff.events')} actions={can('events.manage') ? <Button component={Link} to="/staff/new" variant="contained">{t('staff.create')}</Button> : null}>
      <Loaded query={events}>
        {(page) => (
          <EventLinks events={page.items} empty={t('staff.none')} to={(e) => '/staff/' + e.id}
            detail={(e) => `${e.confirmed}/${e.capacity} · ${t('events.status.WAITLISTED')}: ${e.waitlisted}`} />
        )}
      </Loaded>
    </Page>
  );
}
