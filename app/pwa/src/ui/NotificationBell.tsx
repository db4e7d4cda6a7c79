import Badge from '@mui/material/Badge';
import IconButton from '@mui/material/IconButton';
import { Link } from 'react-router';
import { t } from '../i18n/t';

const bell = (
  <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true">
    <path
      fill="currentColor"
      d="M12 22c1.1 0 2-.9 2-2h-4c0 1.1.89 2 2 2zm6-6v-5c0-3.07-1.64-5.64-4.5-6.32V4c0-.83-.67-1.5-1.5-1.5s-1.5.67-1.5 1.5v.68C7.63 5.36 6 7.92 6 11v5l-2 2v1h16v-1l-2-2z"
    />
  </svg>
);

/** The bell in the app bar: to the notification centre, with how many he has not read in figures and in its name. */
export function NotificationBell({ count, current }: { count: number; current: boolean }) {
  // Past 99 the name says "99+" as the badge does: a name must contain what the control shows.
  const shown = count > 99 ? '99+' : count;
  return (
    <IconButton
      component={Link}
      to="/notifications"
      color="inherit"
      aria-label={count > 0 ? t('app.notificationsUnread', { n: shown }) : t('app.notifications')}
      aria-current={current ? 'page' : undefined}
    >
      {/* No badge at all when everything is read: a hidden one keeps its last figure, which would contradict the name. */}
      {count > 0 ? (
        <Badge
          badgeContent={shown}
          overlap="circular"
          slotProps={{ badge: { 'aria-hidden': true } }}
          sx={{ '& .MuiBadge-badge': { bgcolor: '#ffffff', color: 'primary.main', fontWeight: 700 } }}
        >
          {bell}
        </Badge>
      ) : (
        bell
      )}
    </IconButton>
  );
}
