import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useParams } from 'react-router';
import { has, t } from '../../../i18n/t';
import { when } from '../../../ui/format';
import { Loaded, Page, Section } from '../../../ui/Page';
import { useSafetyMessage } from '../api/safetyMessages';
import type { Reached } from '../api/types';

/** A must-reach message he sent, read again every 15 seconds: who has not answered "Got it" yet first, each with the channels tried. */
export default function SafetyMessageStatus() {
  const { id = '' } = useParams();
  const message = useSafetyMessage(id);
  return (
    <Page title={t('safety.mustReach.title')}>
      <Loaded query={message}>
        {(data) => {
          const waiting = data.reached.filter((r) => !r.acknowledgedAt);
          const answered = data.reached.filter((r) => r.acknowledgedAt);
          return (
            <>
              <Paper variant="outlined" component="blockquote" sx={{ m: 0, p: 2, whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{data.text}</Paper>
              <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>{t('safety.mustReach.sentAt', { when: when(data.sentAt) })}</Typography>
              <Typography role="status" aria-live="polite" sx={{ mt: 2, fontWeight: 700 }}>
                {data.notReached === 0 ? t('safety.mustReach.allAnswered') : t('safety.mustReach.summary', { answered: data.recipients - data.notReached, n: data.recipients })}
              </Typography>
              <Typography variant="body2" color="text.secondary">{t('safety.mustReach.refresh')}</Typography>
              <Section title={t('safety.mustReach.waitingTitle', { n: waiting.length })}>
                <Men men={waiting} />
              </Section>
              <Section title={t('safety.mustReach.answeredTitle', { n: answered.length })}>
                <Men men={answered} />
              </Section>
            </>
          );
        }}
      </Loaded>
    </Page>
  );
}

/** A channel in words; one this screen does not know yet, as the server names it. */
const channelName = (channel: string) => (has('safety.mustReach.channel.' + channel) ? t('safety.mustReach.channel.' + channel) : channel);

function Men({ men }: { men: Reached[] }) {
  if (men.length === 0) {
    return <Typography>{t('safety.mustReach.none')}</Typography>;
  }
  return (
    <List disablePadding>
      {men.map((man) => (
        <ListItem key={man.personId} divider disableGutters>
          <ListItemText
            primary={man.name}
            secondary={[
              t('safety.mustReach.channels', { channels: man.channels.filter(Boolean).map(channelName).join(', ') }),
              man.acknowledgedAt ? t('safety.mustReach.answered', { when: when(man.acknowledgedAt) }) : man.readAt ? t('safety.mustReach.read', { when: when(man.readAt) }) : t('safety.mustReach.notRead'),
            ].join(' · ')}
          />
        </ListItem>
      ))}
    </List>
  );
}
