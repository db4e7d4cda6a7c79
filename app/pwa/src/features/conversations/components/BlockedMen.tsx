import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link } from 'react-router';
import { t } from '../../../i18n/t';
import { day } from '../../../ui/format';
import { Loaded, Page } from '../../../ui/Page';
import { ProblemAlert } from '../../../ui/Problem';
import { useBlocks, useUnblock } from '../api/blocks';
import type { Block } from '../api/types';

/** The men he has blocked, the most recent first, each with a button to unblock him. */
export default function BlockedMen() {
  const blocks = useBlocks();
  const [unblocked, setUnblocked] = useState('');
  return (
    <Page title={t('chats.blocked.title')}>
      <Button component={Link} to="/chats" sx={{ ml: -1 }}>{'← ' + t('chats.all')}</Button>
      <Typography variant="body2" sx={{ mb: 1 }}>{t('chats.blocked.help')}</Typography>
      <div role="status" className="visually-hidden">{unblocked}</div>
      <Loaded query={blocks}>
        {(data) =>
          data.items.length === 0 ? (
            <Typography sx={{ my: 2 }}>{t('chats.blocked.none')}</Typography>
          ) : (
            <List aria-label={t('chats.blocked.title')}>
              {data.items.map((block) => (
                <BlockedMan key={block.personId} block={block} onUnblocked={() => setUnblocked(t('chats.blocked.unblocked', { name: block.name }))} />
              ))}
            </List>
          )
        }
      </Loaded>
    </Page>
  );
}

function BlockedMan({ block, onUnblocked }: { block: Block; onUnblocked: () => void }) {
  const unblock = useUnblock({ onSuccess: onUnblocked });
  return (
    <ListItem divider sx={{ display: 'block', px: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
          <Typography sx={{ fontWeight: 500, overflowWrap: 'anywhere' }}>{block.name}</Typography>
          <Typography variant="body2" color="text.secondary">
            <time dateTime={block.blockedAt}>{t('chats.blocked.since', { when: day(block.blockedAt) })}</time>
          </Typography>
        </Box>
        <Button
          variant="outlined" aria-label={t('chats.blocked.unblockName', { name: block.name })} onClick={() => unblock.mutate(block.personId)} disabled={unblock.isPending}
          sx={{ flexShrink: 0 }}
        >
          {t('chats.blocked.unblock')}
        </Button>
      </Box>
      <ProblemAlert error={unblock.error} />
    </ListItem>
  );
}
