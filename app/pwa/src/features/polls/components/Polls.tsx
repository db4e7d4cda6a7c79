import Button from '@mui/material/Button';
import { Link } from 'react-router';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { Page } from '../../../ui/Page';
import { PollGroups } from './PollList';

/** /polls: the organisation's polls and his circles', open ones first; admins and leadership ask the organisation here. */
export default function Polls() {
  const { can } = useAuth();
  return (
    <Page title={t('polls.title')} actions={can('announcements.post') && <Button component={Link} to="/polls/new" variant="contained">{t('polls.new')}</Button>}>
      <PollGroups level="h2" />
    </Page>
  );
}
