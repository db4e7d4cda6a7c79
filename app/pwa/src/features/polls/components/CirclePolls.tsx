import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { Link } from 'react-router';
import { t } from '../../../i18n/t';
import { Section } from '../../../ui/Page';
import { PollGroups } from './PollList';

/** On a circle's page: its polls, open ones first; for those who may ask it (its facilitators, admins), a new one. */
export function CirclePolls({ circleId, mayAsk }: { circleId: string; mayAsk: boolean }) {
  return (
    <Section title={t('polls.circleTitle')}>
      {mayAsk && (
        <Box sx={{ mb: 1 }}>
          <Button component={Link} to={'/polls/new?circleId=' + encodeURIComponent(circleId)} variant="contained">{t('polls.new')}</Button>
        </Box>
      )}
      <PollGroups circleId={circleId} level="h3" />
    </Section>
  );
}
