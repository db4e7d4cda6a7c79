import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { when } from '../../../ui/format';
import { Loaded, Page } from '../../../ui/Page';
import { searchQuery } from '../api/messages';
import type { FoundMessage } from '../api/types';
import { Highlighted } from '../highlight';

/** Search over every conversation he may read; the words are in the address (?q=), so a search can be shared and gone back to. */
export default function ChatSearch() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const [draft, setDraft] = useState(q);
  const results = useQuery({ ...searchQuery(q), enabled: q !== '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams(draft.trim() ? { q: draft.trim() } : {}, { replace: true });
  };
  return (
    <Page title={t('chats.search')}>
      <Button component={Link} to="/chats" sx={{ ml: -1 }}>{'← ' + t('chats.all')}</Button>
      <Box component="form" role="search" onSubmit={submit} noValidate sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
        <TextField type="search" label={t('chats.searchLabel')} value={draft} onChange={(e) => setDraft(e.target.value)} helperText={t('chats.searchHelp')} />
        <Button type="submit" variant="contained" sx={{ mt: 1, flexShrink: 0 }}>{t('chats.search')}</Button>
      </Box>
      {q !== '' && (
        <Loaded query={results}>
          {(data) => (
            <>
              <Typography role="status" sx={{ mt: 2 }}>{data.items.length === 0 ? t('chats.noResults') : t('chats.found', { n: data.items.length })}</Typography>
              <List>
                {data.items.map((found) => (
                  <Result key={found.message.id} found={found} />
                ))}
              </List>
            </>
          )}
        </Loaded>
      )}
    </Page>
  );
}

function Result({ found }: { found: FoundMessage }) {
  const { me } = useAuth();
  const { message } = found;
  return (
    <ListItem disablePadding divider>
      <ListItemButton component={Link} to={'/chats/' + message.conversationId} sx={{ display: 'block' }}>
        <Typography component="span" sx={{ display: 'block', fontWeight: 700 }}>{found.conversationTitle}</Typography>
        <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
          {message.authorId === me?.person.id ? t('chats.you') : message.authorName}
          {' · '}
          <time dateTime={message.sentAt}>{when(message.sentAt)}</time>
        </Typography>
        <Typography component="span" sx={{ display: 'block', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          <Highlighted text={message.text ?? ''} highlights={found.highlights} />
        </Typography>
      </ListItemButton>
    </ListItem>
  );
}
