import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { Link } from 'react-router';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { Loaded, Page } from '../../../ui/Page';
import { mayPost } from '../announcements';
import { feedOf, useAnnouncements } from '../api/announcements';
import { AnnouncementList } from './AnnouncementList';

/** His announcements, pinned ones first, then the newest, a page at a time; those who may post start a new one here. */
export default function Announcements() {
  const { me } = useAuth();
  const feed = useAnnouncements();
  return (
    <Page
      title={t('announcements.title')}
      actions={mayPost(me?.permissions ?? []) && <Button component={Link} to="/announcements/new" variant="contained">{t('announcements.new')}</Button>}
    >
      <Loaded query={feed}>
        {(data) => {
          const items = feedOf(data.pages);
          return items.length === 0 ? (
            <Typography>{t('announcements.none')}</Typography>
          ) : (
            <>
              <AnnouncementList items={items} level="h2" />
              {feed.hasNextPage && (
                <Box sx={{ textAlign: 'center', my: 2 }}>
                  <Button variant="outlined" onClick={() => void feed.fetchNextPage()} disabled={feed.isFetchingNextPage}>{t('announcements.more')}</Button>
                </Box>
              )}
            </>
          );
        }}
      </Loaded>
    </Page>
  );
}
