import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { Link } from 'react-router';
import { ApiError } from '../../../api/problem';
import { t } from '../../../i18n/t';
import { Section } from '../../../ui/Page';
import { ProblemAlert } from '../../../ui/Problem';
import { useDocuments, type Of } from '../api/documents';
import { waitingFirst } from '../documents';
import { DocumentCards } from './DocumentCards';

/**
 * On an event's page: its documents, with each waiver he has not acknowledged and the button to do it, so that he
 * sees before he comes that check-in asks for it; for who runs the event, a document to share with its men.
 */
export function EventDocuments({ eventId, mayShare }: { eventId: string; mayShare: boolean }) {
  return <Attached of={{ eventId }} title={t('documents.forEvent')} shareTo={'/documents/new?eventId=' + encodeURIComponent(eventId)} mayShare={mayShare} />;
}

/** On a circle's page: its documents (a reading, its agreements to acknowledge); for its facilitators, one to share. */
export function CircleDocuments({ circleId, mayShare }: { circleId: string; mayShare: boolean }) {
  return <Attached of={{ circleId }} title={t('documents.forCircle')} shareTo={'/documents/new?circleId=' + encodeURIComponent(circleId)} mayShare={mayShare} />;
}

/** Nothing is shown while they load, nor to a man the circle's or event's documents are not for (403, 404), nor when there are none to read or share. */
function Attached({ of, title, shareTo, mayShare }: { of: Of; title: string; shareTo: string; mayShare: boolean }) {
  const documents = useDocuments(of);
  if (documents.isPending) {
    return null;
  }
  if (documents.error instanceof ApiError && (documents.error.status === 403 || documents.error.status === 404)) {
    return null;
  }
  const items = documents.data?.items ?? [];
  if (!documents.error && items.length === 0 && !mayShare) {
    return null;
  }
  return (
    <Section title={title}>
      {documents.error ? (
        <ProblemAlert error={documents.error} />
      ) : items.length === 0 ? (
        <Typography>{t('documents.noneHere')}</Typography>
      ) : (
        <DocumentCards documents={waitingFirst(items)} level="h3" acknowledgeHere />
      )}
      {mayShare && (
        <Box sx={{ mt: 1 }}>
          <Button component={Link} to={shareTo} variant="outlined">{t('documents.share')}</Button>
        </Box>
      )}
    </Section>
  );
}
