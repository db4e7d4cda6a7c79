import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { t } from '../../../i18n/t';
import { ProblemAlert } from '../../../ui/Problem';
import { isStale, useAcknowledge } from '../api/documents';
import type { Document } from '../api/types';
import { standing } from '../documents';

/**
 * His acknowledgement of a waiver or guidelines: the version shown is the one accepted. When a new version came while
 * he read (409), the document is read again and he is told to read the new one; nothing for a document to read.
 */
export function Acknowledge({ document }: { document: Document }) {
  const acknowledge = useAcknowledge();
  const where = standing(document);
  if (where === null) {
    return null;
  }
  // Accepted just now: the list it is shown in may not have been read again yet.
  const accepted = where === 'accepted' || (acknowledge.data?.acknowledged === true && acknowledge.data.version === document.version);
  return (
    <Box aria-live="polite" sx={{ mt: 1 }}>
      {accepted ? (
        <Typography sx={{ color: 'success.main', fontWeight: 600 }}>{'✓ ' + t('documents.acceptedVersion', { version: document.version })}</Typography>
      ) : (
        <>
          {where === 'toAcceptAgain' && !isStale(acknowledge.error) && (
            <Typography variant="body2" sx={{ mb: 1 }}>{t('documents.acceptedBefore', { old: document.acknowledgedVersion ?? 1, version: document.version })}</Typography>
          )}
          {isStale(acknowledge.error) ? (
            <Alert severity="info" sx={{ mb: 1 }}>{t('documents.stale', { version: document.version })}</Alert>
          ) : (
            <ProblemAlert error={acknowledge.error} />
          )}
          <Button variant="contained" disabled={acknowledge.isPending} onClick={() => acknowledge.mutate({ id: document.id, version: document.version })}
            sx={{ textAlign: 'left' }}>
            {t('documents.accept', { version: document.version })}
          </Button>
        </>
      )}
    </Box>
  );
}
