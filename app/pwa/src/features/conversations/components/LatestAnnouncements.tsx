import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { Link } from 'react-router';
import { t } from '../../../i18n/t';
import { Loaded, Section } from '../../../ui/Page';
import { useLatestAnnouncements } from '../api/announcements';
import { AnnouncementList } from './AnnouncementList';

/** Home's section of announcements: the newest few, pinned ones first, and the way to all of them. */
export function LatestAnnouncements({ n = 3 }: { n?: number }) {
  const latest = useLatestAnnouncements(n);
  return (
    <Section title={t('announcements.title')}>
      <Loaded query={latest}>
        {(page) => (page.items.length === 0 ? <Typography>{t('announcements.none')}</Typography> : <AnnouncementList items={page.items} level="h3" />)}
      </Loaded>
      <Button component={Link} to="/announcements" sx={{ mt: 1, ml: -1 }}>{t('announcements.seeAll')}</Button>
    </Section>
  );
}
