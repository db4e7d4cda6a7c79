import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { Link, useLocation } from 'react-router';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { Loaded, Page } from '../../../ui/Page';
import { useDocuments } from '../api/documents';
import { waitingFirst } from '../documents';
import { DocumentCards } from './DocumentCards';

/** Whether he may share a document with anyone: admins with everyone, facilitators with their circles, PTMs with their events. */
export const mayShare = (can: (permission: string) => boolean) => can('organisation.manage') || can('circles.manage') || can('events.manage');

/** /documents: the documents he may read (the organisation's, his circles', his events'), those he must acknowledge first. */
export default function Documents() {
  const { can } = useAuth();
  const documents = useDocuments();
  const archived = (useLocation().state as { archived?: string } | null)?.archived;
  return (
    <Page title={t('documents.title')} actions={mayShare(can) && <Button component={Link} to="/documents/new" variant="contained">{t('documents.share')}</Button>}>
      {archived && <Alert severity="success" sx={{ mb: 1 }}>{t('documents.manage.archived', { title: archived })}</Alert>}
      <Loaded query={documents}>
        {(list) => (list.items.length === 0 ? <Typography>{t('documents.none')}</Typography> : <DocumentCards documents={waitingFirst(list.items)} level="h2" />)}
      </Loaded>
    </Page>
  );
}
