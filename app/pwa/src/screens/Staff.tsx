import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { Link } from 'react-router';
import { useAuth } from '../auth';
import { useComingEvents, useEventsIRun } from '../data';
import { t } from '../i18n/t';
import { when } from '../ui/format';
import { Loaded, Page } from '../ui/Page';

/** The coming events he runs (he is on their staff); admins, who run every event, see them all. */
export default function Staff() {
  const { can } = useAuth();
  const all = useComingEvents(100);
  const staffed = useEventsIRun();
  const events = can('organisation.manage') ? all : staffed;
  return (
    <Page title={t('staff.events')} actions={can('events.manage') ? <Button component={Link} to="/staff/new" variant="contained">{t('staff.create')}</Button> : null}>
      <Loaded query={events}>
        {(page) =>
          page.items.length === 0 ? (
            <Typography>{t('staff.none')}</Typography>
          ) : (
            <List>
              {page.items.map((e) => (
                <ListItem key={e.id} disablePadding><ListItemButton component={Link} to={'/staff/' + e.id}>
                  <ListItemText primary={e.title} secondary={`${when(e.startsAt)} · ${e.confirmed}/${e.capacity} · ${t('events.status.WAITLISTED')}: ${e.waitlisted}`} />
                </ListItemButton></ListItem>
              ))}
            </List>
          )
        }
      </Loaded>
    </Page>
  );
}
