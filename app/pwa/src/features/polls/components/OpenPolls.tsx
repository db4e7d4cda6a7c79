import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { Link } from 'react-router';
import { t } from '../../../i18n/t';
import { Loaded, Section } from '../../../ui/Page';
import { useOpenPolls } from '../api/polls';
import { PollCards } from './PollList';

/** Home's section of polls: the open ones he has not answered first, a few, and the way to all of them. */
export function OpenPolls({ n = 3 }: { n?: number }) {
  const open = useOpenPolls();
  return (
    <Section title={t('polls.title')}>
      <Loaded query={open}>
        {(page) => {
          const waiting = [...page.items].sort((a, b) => Number(b.canAnswer && !b.answered) - Number(a.canAnswer && !a.answered)).slice(0, n);
          return waiting.length === 0 ? <Typography>{t('polls.noneOpen')}</Typography> : <PollCards polls={waiting} level="h3" />;
        }}
      </Loaded>
      <Button component={Link} to="/polls" sx={{ mt: 1, ml: -1 }}>{t('polls.seeAll')}</Button>
    </Section>
  );
}
