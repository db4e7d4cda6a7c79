import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { t } from '../../../i18n/t';
import { fullName, when } from '../../../ui/format';
import { Pager } from '../../../ui/Pager';
import { Loaded, Page, Section } from '../../../ui/Page';
import { ProblemAlert } from '../../../ui/Problem';
import { importRowsQuery, importSummaryQuery, running, useCommitImport, useUndoImport } from '../api/imports';
import type { ImportRow, MemberImport } from '../api/types';
import { counted, FILTERS, filterCounts, percent, rowsShown, stepsDone, toImport, undoable, type RowFilter } from '../imports';
import { ExportMembers } from './Imports';

const PAGE = 50;

/** One import: its counts, what the admin can do now (import, discard, undo), its progress while it runs, and every row. */
export default function Import() {
  const { id = '' } = useParams();
  const summary = useQuery(importSummaryQuery(id));
  return (
    <Page title={t('imports.title')} actions={<Button component={Link} to="/admin/imports">{t('imports.another')}</Button>}>
      <Loaded query={summary}>{(report) => <ImportView report={report} />}</Loaded>
      <ExportMembers />
    </Page>
  );
}

function ImportView({ report }: { report: MemberImport }) {
  const rows = useQuery(importRowsQuery(report.id, report.status));
  return (
    <>
      <Typography variant="h2" component="p" role="status" sx={{ mb: 0.5 }}>{t('imports.status.' + report.status)}</Typography>
      <Typography variant="body2" color="text.secondary">{t('imports.importTitle', { when: when(report.createdAt) })}</Typography>
      <Counts report={report} />
      <Actions report={report} />
      <Section title={t('imports.rows')}>
        <Loaded query={rows}>{(all) => <Rows rows={all} report={report} />}</Loaded>
      </Section>
    </>
  );
}

/** The rows by what they would do (or did), as a row of numbers that wraps on a phone. */
function Counts({ report }: { report: MemberImport }) {
  const items = ['total', 'create', 'update', 'unchanged', 'skipped'] as const;
  return (
    <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(96px, 1fr))', gap: 1, my: 2 }}>
      {items.map((item) => (
        <Box key={item} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1, textAlign: 'center' }}>
          <Typography component="dt" variant="body2" color="text.secondary">{t('imports.counts.' + item)}</Typography>
          <Typography component="dd" sx={{ m: 0, fontSize: '1.5rem', fontWeight: 600 }}>{report.counts[item]}</Typography>
        </Box>
      ))}
    </Box>
  );
}

/** What can be done with the import as it stands: import or discard a dry run, watch it run, undo it within the day. */
function Actions({ report }: { report: MemberImport }) {
  const navigate = useNavigate();
  const commit = useCommitImport(report.id);
  const undo = useUndoImport(report.id, { onSuccess: (answer) => { if (!answer) navigate('/admin/imports'); } });
  const [confirming, setConfirming] = useState(false);
  const steps = stepsDone(report);
  const n = toImport(report);

  if (report.status === 'PLANNED') {
    return (
      <Box>
        {n === 0 ? <Alert severity="info">{t('imports.nothingToImport')}</Alert> : <Typography sx={{ mb: 1 }}>{t('imports.commitHelp')}</Typography>}
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          {n > 0 && (
            <Button variant="contained" onClick={() => commit.mutate()} disabled={commit.isPending || undo.isPending}>
              {commit.isPending ? t('imports.committing') : counted('imports.commit', n)}
            </Button>
          )}
          <Button variant="outlined" onClick={() => undo.mutate()} disabled={commit.isPending || undo.isPending}>{t('imports.discard')}</Button>
        </Box>
        <ProblemAlert error={commit.error ?? undo.error} />
      </Box>
    );
  }
  if (running(report.status)) {
    const text = t(report.status === 'APPLYING' ? 'imports.applying' : 'imports.undoing', steps);
    return (
      <Box>
        <LinearProgress variant="determinate" value={percent(steps)} aria-label={t('imports.progress')} aria-valuetext={text} sx={{ height: 8, borderRadius: 1 }} />
        <Typography sx={{ mt: 1 }}>{text}</Typography>
        {report.progress.failed > 0 && <Alert severity="warning" sx={{ mt: 1 }}>{counted('imports.failed', report.progress.failed)}</Alert>}
      </Box>
    );
  }
  if (report.status === 'UNDONE') {
    return (
      <Alert severity="info">
        {t('imports.undone', { when: when(report.undoneAt) })} {counted('imports.undoneRows', report.progress.undone)}
        {report.progress.kept > 0 && ' ' + counted('imports.kept', report.progress.kept)}
      </Alert>
    );
  }
  const open = undoable(report, new Date());
  return (
    <Box>
      <Alert severity="success">{counted('imports.applied', report.progress.done - report.progress.failed, { when: when(report.appliedAt) })}</Alert>
      {report.progress.failed > 0 && <Alert severity="warning" sx={{ mt: 1 }}>{counted('imports.failed', report.progress.failed)}</Alert>}
      {report.progress.toInvite > 0 && <Typography sx={{ mt: 1 }}>{t('imports.invitations', report.progress)}</Typography>}
      <Typography sx={{ mt: 1 }}>{open ? t('imports.undoUntil', { when: when(report.undoableUntil) }) : t('imports.undoClosed')}</Typography>
      {open && !confirming && <Button variant="outlined" color="error" sx={{ mt: 1 }} onClick={() => setConfirming(true)}>{t('imports.undo')}</Button>}
      {open && confirming && (
        <Alert severity="warning" role="alertdialog" aria-label={t('imports.undo')} sx={{ mt: 1 }}>
          <Typography sx={{ mb: 1 }}>{t('imports.undoConfirm')}</Typography>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            <Button variant="contained" color="error" onClick={() => undo.mutate()} disabled={undo.isPending}>{t('imports.undoYes')}</Button>
            <Button onClick={() => setConfirming(false)} disabled={undo.isPending}>{t('imports.keep')}</Button>
          </Box>
        </Alert>
      )}
      <ProblemAlert error={undo.error} />
    </Box>
  );
}

/** Every row in file order, 50 a page, filtered by what it does; a skipped row says why. */
function Rows({ rows, report }: { rows: ImportRow[]; report: MemberImport }) {
  const [filter, setFilter] = useState<RowFilter>('ALL');
  const [page, setPage] = useState(0);
  const counts = filterCounts(report);
  const shown = rowsShown(rows, filter);
  const choices = FILTERS.filter((f) => f === 'ALL' || f === filter || counts[f] > 0);
  return (
    <>
      <TextField select label={t('imports.show')} value={filter} onChange={(e) => { setFilter(e.target.value as RowFilter); setPage(0); }} sx={{ minWidth: 200, mb: 1 }}>
        {choices.map((f) => <MenuItem key={f} value={f}>{t('imports.filter.' + f, { n: counts[f] })}</MenuItem>)}
      </TextField>
      {shown.length === 0 ? (
        <Typography>{t('imports.noRows')}</Typography>
      ) : (
        <TableContainer tabIndex={0} role="region" aria-label={t('imports.rows')}>
          <Table size="small" aria-label={t('imports.rows')}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ px: 1, width: 40 }}>{t('imports.line')}</TableCell>
                <TableCell sx={{ px: 1 }}>{t('imports.member')}</TableCell>
                <TableCell sx={{ px: 1 }}>{t('imports.what')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.slice(page * PAGE, (page + 1) * PAGE).map((row) => <Row key={row.line} row={row} />)}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {shown.length > PAGE && <Pager page={page} size={PAGE} totalItems={shown.length} onPage={setPage} />}
    </>
  );
}

function Row({ row }: { row: ImportRow }) {
  const name = fullName(row);
  const reason = row.reason ? t('imports.reason.' + row.reason) : null;
  return (
    <TableRow data-action={row.action} sx={{ verticalAlign: 'top' }}>
      <TableCell sx={{ px: 1 }}>{row.line}</TableCell>
      <TableCell sx={{ px: 1 }}>
        {name && <Typography variant="body2" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>{name}</Typography>}
        <Typography variant="body2" color="text.secondary" sx={{ wordBreak: 'break-all' }}>{row.email || '—'}</Typography>
      </TableCell>
      <TableCell sx={{ px: 1 }}>
        <Chip size="small" variant="outlined" label={t('imports.action.' + row.action)} />
        {reason && <Typography variant="body2" sx={{ mt: 0.5, fontWeight: 600 }}>{reason}</Typography>}
        {row.detail && <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>{row.detail}</Typography>}
        {row.action === 'UPDATE' && row.changes.length > 0 && (
          <Typography variant="body2" sx={{ mt: 0.5 }}>{t('imports.changes', { what: row.changes.map((c) => t('imports.change.' + c)).join(', ') })}</Typography>
        )}
        {row.outcome && <Typography variant="body2" sx={{ mt: 0.5, fontWeight: 600 }}>{t('imports.outcome.' + row.outcome)}</Typography>}
        {row.failure && <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>{row.failure}</Typography>}
        {row.invitation && row.outcome !== 'UNDONE' && <Typography variant="body2" color="text.secondary">{t('imports.invitation.' + row.invitation)}</Typography>}
      </TableCell>
    </TableRow>
  );
}
