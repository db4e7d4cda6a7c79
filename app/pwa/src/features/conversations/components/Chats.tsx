import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import Typography from '@mui/material/Typography';
import { Link } from 'react-router';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { Loaded, Page } from '../../../ui/Page';
import { useConversations } from '../api/conversations';
import type { Conversation } from '../api/types';
import { lastMoved } from '../thread';

/** His conversations, the most recent first: each with its last message, when it moved and how many he has not read. */
export default function Chats() {
  const list = useConversations();
  return (
    <Page
      title={t('chats.title')}
      actions={
        <>
          <Button component={Link} to="/chats/search" variant="outlined">{t('chats.search')}</Button>
          <Button component={Link} to="/chats/blocked">{t('chats.blocked.title')}</Button>
        </>
      }
    >
      <Loaded query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <Typography>{t('chats.none')}</Typography>
          ) : (
            <List aria-label={t('chats.title')}>
              {data.items.map((conversation) => (
                <ChatLine key={conversation.id} conversation={conversation} />
              ))}
            </List>
          )
        }
      </Loaded>
    </Page>
  );
}

function ChatLine({ conversation }: { conversation: Conversation }) {
  const { me } = useAuth();
  const last = conversation.lastMessage;
  const unread = conversation.unread > 0;
  const author = last ? (last.authorId === me?.person.id ? t('chats.you') : last.authorName) : '';
  return (
    <ListItem disablePadding divider>
      <ListItemButton component={Link} to={'/chats/' + conversation.id} sx={{ alignItems: 'flex-start', gap: 1 }}>
        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'baseline' }}>
            <Typography component="span" sx={{ flexGrow: 1, fontWeight: unread ? 700 : 500 }} noWrap>
              {conversation.title}
            </Typography>
            {last && (
              <Typography component="time" variant="body2" color="text.secondary" dateTime={last.sentAt} sx={{ flexShrink: 0 }}>
                {lastMoved(last.sentAt)}
              </Typography>
            )}
          </Box>
          <Typography variant="body2" color="text.secondary" noWrap>
            {!last ? t('chats.noMessages') : last.removed ? <>{author + ': '}<em>{t('chats.removed')}</em></> : author + ': ' + (last.text ?? '')}
          </Typography>
        </Box>
        {unread && <Count n={conversation.unread} />}
      </ListItemButton>
    </ListItem>
  );
}

/** An unread count: the number to see, and its words for a screen reader. */
function Count({ n }: { n: number }) {
  return (
    <Box component="span" sx={{ flexShrink: 0, alignSelf: 'center', minWidth: 24, height: 24, px: 0.75, borderRadius: 12, bgcolor: 'primary.main', color: 'primary.contrastText', fontSize: '0.8rem', fontWeight: 700, display: 'inline-flex', alignItems: 'center', justifyContent: 'center' }}>
      <span aria-hidden="true">{n}</span>
      <span className="visually-hidden">{t('chats.unread', { n })}</span>
    </Box>
  );
}
