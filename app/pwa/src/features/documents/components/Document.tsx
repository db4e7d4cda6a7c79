import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { t } from '../../../i18n/t';
import { day } from '../../../ui/format';
import { Loaded, Page, Section } from '../../../ui/Page';
import { ProblemAlert } from '../../../ui/Problem';
import { documentQuery, fileQuery, useAddVersion, useArchiveDocument, useDownloadFile, useDownloadLog, useOpenFile } from '../api/documents';
import type { Document } from '../api/types';
import { fileLine, fileProblem, isAcknowledged, showable } from '../documents';
import { Acknowledge } from './Acknowledge';
import { FilePicker, fileProblemText, serverFileProblem } from './FilePicker';
import { Sending } from './Sending';

/**
 * /documents/:id: the document at its current version, its file to open or download (text and pictures shown here),
 * his acknowledgement of a waiver or guidelines; for who manages it, how many acknowledged, the log, a new version and
 * archiving.
 */
export default function DocumentScreen() {
  const { id = '' } = useParams();
  const document = useQuery(documentQuery(id));
  return (
    <Page title={document.data?.title ?? t('documents.title')}>
      <Button component={Link} to="/documents" sx={{ ml: -1 }}>{'← ' + t('documents.all')}</Button>
      <Loaded query={document}>{(data) => <Details document={data} />}</Loaded>
    </Page>
  );
}

function Details({ document }: { document: Document }) {
  return (
    <>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: 1, rowGap: 0.5 }}>
        <Chip size="small" variant="outlined" label={t('documents.kind.' + document.kind)} />
        <Typography variant="body2">{t('documents.versionOf', { version: document.version, when: day(document.updatedAt) })}</Typography>
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, overflowWrap: 'anywhere' }}>{document.fileName + ' · ' + fileLine(document)}</Typography>
      <FileActions document={document} />
      {showable(document.contentType) && <Preview document={document} />}
      {isAcknowledged(document.kind) && (
        <Section title={t('documents.yours')}>
          <Acknowledge document={document} />
        </Section>
      )}
      {document.canManage && <Manage document={document} />}
    </>
  );
}

/** Open (in a tab of its own) or download the file: both fetch it with his token, which a plain link would not carry. */
function FileActions({ document }: { document: Document }) {
  const open = useOpenFile();
  const save = useDownloadFile();
  return (
    <>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1.5 }}>
        <Button variant="outlined" disabled={open.isPending} onClick={() => open.mutate({ document, tab: window.open('', '_blank') })}>
          {t('documents.open')}
        </Button>
        <Button variant="outlined" disabled={save.isPending} onClick={() => save.mutate(document)}>{t('documents.download')}</Button>
      </Box>
      <ProblemAlert error={open.error ?? save.error} />
    </>
  );
}

/** The file itself on the page: a text as text, a picture as a picture. */
function Preview({ document }: { document: Document }) {
  const file = useQuery(fileQuery(document.id, document.version, document.contentType));
  return (
    <Box sx={{ mt: 2 }}>
      <Loaded query={file}>
        {(read) =>
          read.text !== null ? (
            <Box component="pre" aria-label={t('documents.textOf', { title: document.title })}
              sx={{ m: 0, p: 2, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'inherit', fontSize: '0.95rem', lineHeight: 1.5,
                bgcolor: 'background.paper', border: 1, borderColor: 'divider', borderRadius: 2 }}>
              {read.text}
            </Box>
          ) : (
            <Picture blob={read.blob} title={document.title} />
          )
        }
      </Loaded>
    </Box>
  );
}

function Picture({ blob, title }: { blob: Blob; title: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [blob]);
  return url ? <Box component="img" src={url} alt={title} sx={{ display: 'block', maxWidth: '100%', height: 'auto', borderRadius: 2 }} /> : null;
}

/** For who shares to the document's audience: how many acknowledged this version, the log, a new version, archiving. */
function Manage({ document }: { document: Document }) {
  const navigate = useNavigate();
  const log = useDownloadLog();
  const [file, setFile] = useState<File | null>(null);
  const [tried, setTried] = useState(false);
  const [asking, setAsking] = useState(false);
  const dialogTitle = useId();
  const upload = useAddVersion(document.id, {
    onSuccess: () => {
      setFile(null);
      setTried(false);
    },
  });
  const archive = useArchiveDocument({ onSuccess: () => navigate('/documents', { replace: true, state: { archived: document.title } }) });
  const picked = file ? fileProblem(file) : null;
  const problem = fileProblemText(picked, file) ?? serverFileProblem(upload.error) ?? (tried && !file ? t('documents.form.pickFile') : undefined);

  const send = () => {
    setTried(true);
    if (file && !picked && !upload.isPending) {
      upload.mutate(file);
    }
  };

  return (
    <Section title={t('documents.manage.title')}>
      {document.acknowledgements != null && (
        <Typography sx={{ fontWeight: 600 }}>{t('documents.manage.count', { n: document.acknowledgements, version: document.version })}</Typography>
      )}
      {isAcknowledged(document.kind) && (
        <>
          <Button variant="outlined" sx={{ mt: 1 }} disabled={log.isPending} onClick={() => log.mutate(document)}>{t('documents.manage.log')}</Button>
          <ProblemAlert error={log.error} />
        </>
      )}

      <Typography variant="h3" component="h3" sx={{ mt: 3 }}>{t('documents.manage.newVersion')}</Typography>
      {isAcknowledged(document.kind) && <Typography variant="body2" sx={{ mt: 0.5 }}>{t('documents.manage.newVersionHelp')}</Typography>}
      <FilePicker label={t('documents.form.file')} file={file} onPick={(f) => { setFile(f); upload.reset(); }} problem={problem} />
      {upload.isSuccess && !file && <Alert severity="success" sx={{ my: 1 }}>{t('documents.manage.uploaded', { version: document.version })}</Alert>}
      {!serverFileProblem(upload.error) && <ProblemAlert error={upload.error} />}
      {upload.isPending && <Sending progress={upload.progress} />}
      <Button variant="contained" disabled={upload.isPending} onClick={send}>{t('documents.manage.upload', { version: document.version + 1 })}</Button>

      <Typography variant="h3" component="h3" sx={{ mt: 3 }}>{t('documents.manage.archiveTitle')}</Typography>
      <Typography variant="body2" sx={{ mt: 0.5 }}>{t('documents.manage.archiveHelp')}</Typography>
      <Button color="error" variant="outlined" sx={{ mt: 1 }} onClick={() => setAsking(true)}>{t('documents.manage.archive')}</Button>
      <Dialog open={asking} onClose={() => setAsking(false)} aria-labelledby={dialogTitle}>
        <DialogTitle id={dialogTitle}>{t('documents.manage.archiveAsk', { title: document.title })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('documents.manage.archiveHelp')}</DialogContentText>
          <ProblemAlert error={archive.error} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAsking(false)}>{t('documents.manage.keep')}</Button>
          <Button color="error" variant="contained" disabled={archive.isPending} onClick={() => archive.mutate(document.id)}>{t('documents.manage.archive')}</Button>
        </DialogActions>
      </Dialog>
    </Section>
  );
}
