import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MuiLink from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useId } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { Loaded } from '../../../ui/Page';
import { useAllPolls, useOpenPolls } from '../api/polls';
import type { Poll } from '../api/types';
import { audienceOf, openFirst, standing, viewerZone } from '../polls';

type Level = 'h2' | 'h3' | 'h4';

/** Polls, each with its question as a heading of `level` (a link to it), whom it asks, where it stands, how many answered and whether he did. */
export function PollCards({ polls, level }: { polls: readonly Poll[]; level: Level }) {
  const zone = viewerZone(useAuth().me?.timeZone);
  return (
    <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      {polls.map((poll) => (
        <li key={poll.id}>
          <PollCard poll={poll} level={level} zone={zone} />
        </li>
      ))}
    </Box>
  );
}

function PollCard({ poll, level, zone }: { poll: Poll; level: Level; zone: string }) {
  const titleId = useId();
  return (
    <Box component="article" aria-labelledby={titleId} sx={{ p: 2, borderRadius: 2, border: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      <Typography id={titleId} variant="h3" component={level} sx={{ overflowWrap: 'anywhere' }}>
        <MuiLink component={Link} to={'/polls/' + poll.id} underline="hover" color="primary">{poll.question}</MuiLink>
      </Typography>
      <Typography variant="body2" color="text.secondary" component="p" sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1 }}>
        <span>{audienceOf(poll)}</span>
        <span aria-hidden="true">·</span>
        <span>{t('polls.kind.' + poll.kind)}</span>
      </Typography>
      <Typography variant="body2" sx={{ mt: 0.5 }}>{standing(poll, zone)}</Typography>
      <Typography variant="body2">{t('polls.answered', { n: poll.respondents, of: poll.audience })}</Typography>
      {/* A line of its own: beside the count it wrapped on a phone, leaving a separator at the end of a line. */}
      {(poll.answered || poll.canAnswer) && (
        <Typography variant="body2" sx={{ fontWeight: poll.answered ? 400 : 700 }}>{poll.answered ? t('polls.youAnswered') : t('polls.notAnswered')}</Typography>
      )}
    </Box>
  );
}

/**
 * His polls (or one circle's): those not closed first, then the closed ones a page at a time; each group under a
 * heading of `level` and its polls a level below.
 */
export function PollGroups({ circleId, level }: { circleId?: string; level: 'h2' | 'h3' }) {
  const open = useOpenPolls(circleId);
  const all = useAllPolls(circleId);
  const inner: Level = level === 'h2' ? 'h3' : 'h4';
  return (
    <Loaded query={open}>
      {(openPage) => {
        const groups = openFirst(openPage.items, all.data?.pages.flatMap((page) => page.items) ?? []);
        return (
          <>
            <Typography variant={level} component={level} sx={{ mt: 2, mb: 1 }}>{t('polls.open')}</Typography>
            {groups.open.length === 0 ? <Typography>{t('polls.noneOpen')}</Typography> : <PollCards polls={groups.open} level={inner} />}
            <Typography variant={level} component={level} sx={{ mt: 3, mb: 1 }}>{t('polls.closed')}</Typography>
            <Loaded query={all}>
              {() => (
                <>
                  {groups.closed.length === 0 ? <Typography>{t('polls.noneClosed')}</Typography> : <PollCards polls={groups.closed} level={inner} />}
                  {all.hasNextPage && (
                    <Box sx={{ textAlign: 'center', my: 2 }}>
                      <Button variant="outlined" onClick={() => void all.fetchNextPage()} disabled={all.isFetchingNextPage}>{t('polls.more')}</Button>
                    </Box>
                  )}
                </>
              )}
            </Loaded>
          </>
        );
      }}
    </Loaded>
  );
}
