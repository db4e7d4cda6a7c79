import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { audienceLabel, commentCount, excerpt } from '../announcements';
import type { Announcement } from '../api/types';
import { lastMoved } from '../thread';

/** "Pinned" in words beside a pin: being on top never rests on colour or place alone. */
export function PinnedMark({ children }: { children?: ReactNode }) {
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, fontWeight: 700, color: 'primary.main' }}>
      <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
        <path fill="currentColor" d="M16 3v2h-1v6l3 3v2h-5v5l-1 1-1-1v-5H6v-2l3-3V5H8V3h8z" />
      </svg>
      {children ?? t('announcements.pinned')}
    </Box>
  );
}

/** Who wrote it (his own say "You"), when, and whom it is for; pinned ones say so first. */
export function AnnouncementMeta({ announcement, at, pin }: { announcement: Announcement; at: string; pin?: ReactNode }) {
  const { me } = useAuth();
  return (
    <Typography variant="body2" color="text.secondary" component="p" sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1, alignItems: 'center' }}>
      {announcement.pinned && (
        <>
          <PinnedMark>{pin}</PinnedMark>
          <span aria-hidden="true">·</span>
        </>
      )}
      <span>{announcement.authorId === me?.person.id ? t('announcements.you') : announcement.authorName}</span>
      <span aria-hidden="true">·</span>
      <time dateTime={announcement.publishedAt}>{at}</time>
      <span aria-hidden="true">·</span>
      <span>{audienceLabel(announcement)}</span>
    </Typography>
  );
}

/** Announcements, each with its title as a heading of `level`, the first lines of its body and a link to read it whole. */
export function AnnouncementList({ items, level }: { items: readonly Announcement[]; level: 'h2' | 'h3' }) {
  return (
    <Box component="ul" aria-label={t('announcements.list')} sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      {items.map((announcement) => (
        <li key={announcement.id}>
          <AnnouncementSummary announcement={announcement} level={level} />
        </li>
      ))}
    </Box>
  );
}

function AnnouncementSummary({ announcement, level }: { announcement: Announcement; level: 'h2' | 'h3' }) {
  const titleId = useId();
  return (
    <Box
      component="article" aria-labelledby={titleId}
      sx={{ p: 2, borderRadius: 2, border: 1, borderWidth: announcement.pinned ? 2 : 1, borderColor: announcement.pinned ? 'primary.light' : 'divider', bgcolor: 'background.paper' }}
    >
      <Typography id={titleId} variant="h3" component={level} sx={{ overflowWrap: 'anywhere' }}>{announcement.title}</Typography>
      <AnnouncementMeta announcement={announcement} at={lastMoved(announcement.publishedAt)} />
      <Typography sx={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere', mt: 1 }}>{excerpt(announcement.body)}</Typography>
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 1, mt: 1, flexWrap: 'wrap' }}>
        <Typography variant="body2" color="text.secondary">
          {announcement.commentsEnabled || announcement.commentCount > 0 ? commentCount(announcement.commentCount) : t('announcements.commentsOff')}
        </Typography>
        <Button component={Link} to={'/announcements/' + announcement.id} aria-label={t('announcements.readTitle', { title: announcement.title })} sx={{ mr: -1 }}>
          {t('announcements.read')}
        </Button>
      </Box>
    </Box>
  );
}
