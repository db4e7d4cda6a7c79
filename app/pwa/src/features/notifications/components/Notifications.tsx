import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { t } from '../../../i18n/t';
import { when } from '../../../ui/format';
import { Loaded, Page } from '../../../ui/Page';
import { ProblemAlert } from '../../../ui/Problem';
import { itemsOf, useAcknowledge, useNotifications, useReadAll, useReadNotification, useUnreadNotifications } from '../api/notifications';
import type { Notification } from '../api/types';
import { ago, inAppPath } from '../notices';

/** His notification centre, newest first (all, or the unread ones): tapping one reads it and goes where it points. */
export default function Notifications() {
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.has('unread');
  const list = useNotifications(unreadOnly);
  const unread = useUnreadNotifications();
  const [done, setDone] = useState('');
  const readAll = useReadAll({ onSuccess: () => setDone(t('notifications.allRead')) });
  return (
    <Page title={t('notifications.title')} actions={<Button component={Link} to="/settings/notifications">{t('notifications.settings')}</Button>}>
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: 1 }}>
        <FormControlLabel
          label={t('notifications.unreadOnly')}
          control={<Switch checked={unreadOnly} onChange={(e) => setParams(e.target.checked ? { unread: '' } : {}, { replace: true })} />}
        />
        <Button variant="outlined" onClick={() => readAll.mutate()} disabled={unread === 0 || readAll.isPending}>{t('notifications.markAllRead')}</Button>
      </Box>
      <div role="status" className="visually-hidden">{done}</div>
      <ProblemAlert error={readAll.error} />
      <Loaded query={list}>
        {(data) => {
          const items = itemsOf(data.pages);
          return items.length === 0 ? (
            <Typography sx={{ my: 2 }}>{unreadOnly ? t('notifications.noneUnread') : t('notifications.none')}</Typography>
          ) : (
            <>
              <List aria-label={t('notifications.list')}>
                {items.map((notification) => (
                  <NotificationLine key={notification.id} notification={notification} />
                ))}
              </List>
              {list.hasNextPage && (
                <Box sx={{ textAlign: 'center', my: 2 }}>
                  <Button variant="outlined" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>{t('notifications.more')}</Button>
                </Box>
              )}
            </>
          );
        }}
      </Loaded>
    </Page>
  );
}

/** A word in a box before the title: what marks a notification new or a safety one, in words and not by colour alone. */
function Tag({ text, colour }: { text: string; colour: 'primary.main' | 'error.main' }) {
  return (
    <Box component="span" sx={{ display: 'inline-block', mr: 0.75, px: 0.75, borderRadius: 1, bgcolor: colour, color: '#ffffff', fontSize: '0.75rem', fontWeight: 700, lineHeight: 1.6, verticalAlign: 'text-bottom' }}>
      {text}
    </Box>
  );
}

function NotificationLine({ notification }: { notification: Notification }) {
  const read = useReadNotification();
  const acknowledge = useAcknowledge();
  const path = inAppPath(notification.link);
  const unread = !notification.readAt;
  const titleId = 'notification-' + notification.id;
  const open = () => {
    if (unread) {
      read.mutate(notification.id);
    }
  };
  const content = (
    <Box sx={{ flexGrow: 1, minWidth: 0 }}>
      <Typography sx={{ fontWeight: unread ? 700 : 500, overflowWrap: 'anywhere' }}>
        {unread && <Tag text={t('notifications.new')} colour="primary.main" />}
        {notification.safety && <Tag text={t('notifications.safety')} colour="error.main" />}
        <span id={titleId}>{notification.title}</span>
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>{notification.body}</Typography>
      <Typography component="time" variant="caption" color="text.secondary" dateTime={notification.createdAt} title={when(notification.createdAt)} sx={{ display: 'block', mt: 0.25 }}>
        {ago(notification.createdAt)}
      </Typography>
    </Box>
  );
  // An unread one also has a bar down its left edge; the "New" tag says it in words.
  const sx = { alignItems: 'flex-start', borderLeft: 4, borderLeftColor: unread ? 'primary.main' : 'transparent' };
  return (
    <ListItem disablePadding divider sx={{ display: 'block' }}>
      {path ? (
        <ListItemButton component={Link} to={path} onClick={open} sx={sx}>{content}</ListItemButton>
      ) : (
        <ListItemButton onClick={open} sx={sx}>{content}</ListItemButton>
      )}
      {notification.safety && (
        <Box sx={{ px: 2, pb: 1.5 }}>
          {notification.acknowledgedAt ? (
            <Typography variant="body2">{t('notifications.acknowledged', { when: ago(notification.acknowledgedAt) })}</Typography>
          ) : (
            <Button variant="contained" onClick={() => acknowledge.mutate(notification.id)} disabled={acknowledge.isPending} aria-describedby={titleId}>
              {t('notifications.gotIt')}
            </Button>
          )}
        </Box>
      )}
      <Box sx={{ px: 2 }}>
        <ProblemAlert error={read.error ?? acknowledge.error} />
      </Box>
    </ListItem>
  );
}
