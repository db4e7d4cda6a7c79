import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { Link } from 'react-router';
import { when } from '../../../ui/format';
import type { EventView } from '../api/types';

/** A list of events, each a link (to its page, or wherever `to` says), with when and a detail line; or a sentence when empty. */
export function EventLinks({ events, empty, to = (e) => '/events/' + e.id, detail }: {
  events: EventView[];
  empty: string;
  to?: (event: EventView) => string;
  detail?: (event: EventView) => string;
}) {
  if (events.length === 0) {
    return <Typography>{empty}</Typography>;
  }
  return (
    <List>
      {events.map((event) => (
        <ListItem key={event.id} disablePadding>
          <ListItemButton component={Link} to={to(event)}>
            <ListItemText primary={event.title} secondary={[when(event.startsAt), event.venue || null, detail?.(event) ?? null].filter(Boolean).join(' · ')} />
          </ListItemButton>
        </ListItem>
      ))}
    </List>
  );
}
