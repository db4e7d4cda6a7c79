import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { Loaded, Page } from '../../../ui/Page';
import { activeCirclesQuery } from '../api/circles';

export default function Facilitate() {
  const { me, can } = useAuth();
  const circles = useQuery(activeCirclesQuery());
  return (
    <Page title={t('facilitate.circles')}>
      <Loaded query={circles}>
        {(page) => {
          const mine = page.items.filter((c) => can('organisation.manage') || c.facilitators.some((f) => f.id === me?.person.id));
          return mine.length === 0 ? (
            <Typography>{t('facilitate.noCircles')}</Typography>
          ) : (
            <List>
              {mine.map((c) => (
                <ListItem key={c.id} disablePadding><ListItemButton component={Link} to={'/facilitate/' + c.id}>
                  <ListItemText primary={c.name} secondary={t('circle.seats', { open: c.openSeats, capacity: c.capacity })} />
                </ListItemButton></ListItem>
              ))}
            </List>
          );
        }}
      </Loaded>
    </Page>
  );
}
