import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import MuiLink from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useId } from 'react';
import { Link } from 'react-router';
import { t } from '../../../i18n/t';
import type { Document } from '../api/types';
import { fileLine, standing } from '../documents';
import { Acknowledge } from './Acknowledge';

type Level = 'h2' | 'h3' | 'h4';

/**
 * Documents, each with its title as a heading of `level` (a link to it), its kind, its file and, for a waiver or
 * guidelines, whether he has acknowledged the current version; with `acknowledgeHere`, the button to do it is on the
 * card (an event's or a circle's page).
 */
export function DocumentCards({ documents, level, acknowledgeHere = false }: { documents: readonly Document[]; level: Level; acknowledgeHere?: boolean }) {
  return (
    <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      {documents.map((document) => (
        <li key={document.id}>
          <DocumentCard document={document} level={level} acknowledgeHere={acknowledgeHere} />
        </li>
      ))}
    </Box>
  );
}

function DocumentCard({ document, level, acknowledgeHere }: { document: Document; level: Level; acknowledgeHere: boolean }) {
  const titleId = useId();
  const where = standing(document);
  return (
    <Box component="article" aria-labelledby={titleId} sx={{ p: 2, borderRadius: 2, border: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      <Typography id={titleId} variant="h3" component={level} sx={{ overflowWrap: 'anywhere' }}>
        <MuiLink component={Link} to={'/documents/' + document.id} underline="hover" color="primary">{document.title}</MuiLink>
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: 1, rowGap: 0.5, mt: 0.5 }}>
        <Chip size="small" variant="outlined" label={t('documents.kind.' + document.kind)} />
        <Typography variant="body2" color="text.secondary">{fileLine(document)}</Typography>
      </Box>
      {document.canManage && document.acknowledgements != null && (
        <Typography variant="body2" sx={{ mt: 0.5 }}>{t('documents.acknowledgedBy', { n: document.acknowledgements })}</Typography>
      )}
      {acknowledgeHere && where !== null && where !== 'accepted' ? (
        <Acknowledge document={document} />
      ) : (
        where !== null && (
          <Typography variant="body2" sx={{ mt: 0.5, fontWeight: where === 'accepted' ? 400 : 700, color: where === 'accepted' ? 'success.main' : 'text.primary' }}>
            {where === 'accepted' ? '✓ ' + t('documents.accepted') : t('documents.toAccept', { version: document.version })}
          </Typography>
        )
      )}
    </Box>
  );
}
