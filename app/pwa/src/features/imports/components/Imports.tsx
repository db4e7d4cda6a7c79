import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { t } from '../../../i18n/t';
import { Page, Section } from '../../../ui/Page';
import { ProblemAlert } from '../../../ui/Problem';
import { useCheckFile, useDownloadMembers } from '../api/imports';

/** The columns of the members file, in the order the export writes them (docs/imports.md). */
export const COLUMNS = ['email', 'firstName', 'lastName', 'phone', 'circle', 'roles', 'consent'];

/** An admin chooses a members file and has it checked (the dry run); the import it answers opens on its own screen. */
export default function Imports() {
  const [file, setFile] = useState<File | null>(null);
  const [asked, setAsked] = useState(false);
  const navigate = useNavigate();
  const check = useCheckFile({ onSuccess: (report) => navigate('/admin/imports/' + report.id) });
  const choose = (e: ChangeEvent<HTMLInputElement>) => {
    setFile(e.target.files?.[0] ?? null);
    check.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsked(true);
    if (file) {
      check.mutate(file);
    }
  };
  return (
    <Page title={t('imports.title')}>
      <Typography>{t('imports.intro')}</Typography>
      <Box component="code" sx={{ display: 'block', my: 1, p: 1, bgcolor: 'action.hover', borderRadius: 1, overflowWrap: 'anywhere', fontSize: '0.875rem' }}>
        {COLUMNS.join(',')}
      </Box>
      <Typography sx={{ mb: 2 }}>{t('imports.introAfter')}</Typography>
      <form onSubmit={submit} noValidate aria-label={t('imports.title')}>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
          <Button component="label" role={undefined} tabIndex={-1} variant="outlined" sx={{ '&:focus-within': { outline: '2px solid', outlineOffset: 2 } }}>
            {t('imports.choose')}
            <input type="file" accept=".csv,text/csv" aria-label={t('imports.choose')} onChange={choose}
              style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' }} />
          </Button>
          <Button type="submit" variant="contained" disabled={check.isPending}>
            {check.isPending ? t('imports.checking') : t('imports.check')}
          </Button>
        </Box>
        {file && <Typography sx={{ mt: 1, overflowWrap: 'anywhere' }}>{t('imports.chosen', { name: file.name, size: Math.max(1, Math.round(file.size / 1024)) })}</Typography>}
        {asked && !file && <Alert severity="warning" role="alert" sx={{ mt: 1 }}>{t('imports.noFile')}</Alert>}
        <ProblemAlert error={check.error} />
      </form>
      <ExportMembers />
    </Page>
  );
}

/** The members file of everyone, to edit and import again. */
export function ExportMembers() {
  const exporting = useDownloadMembers();
  return (
    <Section title={t('imports.export')}>
      <Typography sx={{ mb: 1 }}>{t('imports.exportHelp')}</Typography>
      <Button variant="outlined" onClick={() => exporting.mutate()} disabled={exporting.isPending}>
        {exporting.isPending ? t('imports.exporting') : t('imports.export')}
      </Button>
      <ProblemAlert error={exporting.error} />
    </Section>
  );
}
