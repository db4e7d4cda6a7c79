import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { when } from '../../../ui/format';
import { Loaded, Page, Section } from '../../../ui/Page';
import { ProblemAlert } from '../../../ui/Problem';
import { announcementQuery, useComment } from '../api/announcements';
import type { Announcement as AnnouncementView, AnnouncementComment } from '../api/types';
import { bytesOf, textProblem } from '../thread';
import { AnnouncementMeta } from './AnnouncementList';

/** One announcement whole: its text, its comments oldest first, and the form to comment unless its author turned comments off. */
export default function Announcement() {
  const { id = '' } = useParams();
  const announcement = useQuery(announcementQuery(id));
  return (
    <Page title={announcement.data?.title ?? t('announcements.title')}>
      <Button component={Link} to="/announcements" sx={{ ml: -1 }}>{'← ' + t('announcements.all')}</Button>
      <Loaded query={announcement}>{(data) => <AnnouncementOf announcement={data} />}</Loaded>
    </Page>
  );
}

function AnnouncementOf({ announcement }: { announcement: AnnouncementView }) {
  return (
    <>
      <AnnouncementMeta
        announcement={announcement} at={when(announcement.publishedAt)}
        pin={announcement.pinnedUntil ? t('announcements.pinnedUntil', { when: when(announcement.pinnedUntil) }) : undefined}
      />
      <Typography sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', mt: 2 }}>{announcement.body}</Typography>
      <Section title={t('announcements.commentsTitle')}>
        {announcement.comments.length === 0 ? (
          <Typography color="text.secondary">{announcement.commentsEnabled ? t('announcements.noComments') : t('announcements.commentsOff')}</Typography>
        ) : (
          <Box component="ol" aria-label={t('announcements.commentsTitle')} sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 1 }}>
            {announcement.comments.map((comment) => <CommentItem key={comment.id} comment={comment} />)}
          </Box>
        )}
        {announcement.commentsEnabled ? (
          <CommentForm announcementId={announcement.id} />
        ) : (
          announcement.comments.length > 0 && <Alert severity="info" sx={{ mt: 2 }}>{t('announcements.commentsOff')}</Alert>
        )}
      </Section>
    </>
  );
}

function CommentItem({ comment }: { comment: AnnouncementComment }) {
  const { me } = useAuth();
  return (
    <Box component="li" sx={{ px: 1.5, py: 1, borderRadius: 2, border: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      <Typography variant="body2" component="p">
        <Box component="span" sx={{ fontWeight: 700 }}>{comment.authorId === me?.person.id ? t('announcements.you') : comment.authorName}</Box>
        {' · '}
        <time dateTime={comment.writtenAt}>{when(comment.writtenAt)}</time>
      </Typography>
      <Typography sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{comment.text}</Typography>
    </Box>
  );
}

/**
 * His comment: the text stays in the field until the server has it, and sending the same text again after a failure
 * goes under the same Idempotency-Key, so that it is written once.
 */
function CommentForm({ announcementId }: { announcementId: string }) {
  const [text, setText] = useState('');
  const [posted, setPosted] = useState(false);
  const comment = useComment(announcementId, {
    onSuccess: () => {
      setText('');
      setPosted(true);
    },
  });
  const problem = textProblem(text);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (problem === null && !comment.isPending) {
      setPosted(false);
      comment.send(text);
    }
  };
  return (
    <Box component="form" onSubmit={submit} noValidate aria-label={t('announcements.commentForm')} sx={{ mt: 2 }}>
      <div role="status" className="visually-hidden">{posted ? t('announcements.posted') : ''}</div>
      <ProblemAlert error={comment.error} />
      <TextField
        label={t('announcements.comment')} value={text} onChange={(e) => setText(e.target.value)} multiline minRows={2} maxRows={8}
        error={problem === 'tooLong'} helperText={problem === 'tooLong' ? t('announcements.commentTooLong', { n: bytesOf(text) }) : undefined}
      />
      <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button type="submit" variant="contained" disabled={problem !== null || comment.isPending}>{t('announcements.send')}</Button>
      </Box>
    </Box>
  );
}
