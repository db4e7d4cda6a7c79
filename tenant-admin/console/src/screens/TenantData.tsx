import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { backupsQuery, clustersQuery, downloadExport, tenantQuery, useBackUp, useDropOldCopy, useMove, useRestore } from '../api/operations';
import type { Backup, Tenant } from '../api/types';
import { fill, m } from '../messages';
import { fieldError, problem } from '../ui/problem';

const size = (bytes?: number | null) =>
  bytes == null ? '—' : bytes < 1024 * 1024 ? Math.round(bytes / 1024) + ' KB' : (bytes / 1024 / 1024).toFixed(1) + ' MB';
const when = (at?: string | null) => (at ? new Date(at).toLocaleString() : m.notYet);

/**
 * One organisation's data: where it lives and its figures, as app last reported them; moving it to another cluster,
 * backing it up, restoring a backup (in place or as a new organisation) and downloading its export.
 */
export function TenantData({ tenant, onClose }: { tenant: Tenant; onClose: () => void }) {
  const one = useQuery(tenantQuery(tenant.slug));
  const backups = useQuery(backupsQuery(tenant.slug));
  const clusters = useQuery(clustersQuery());
  const [target, setTarget] = useState('');
  const [restoring, setRestoring] = useState<{ backup: Backup; asNew: boolean; newSlug: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const move = useMove(tenant.slug);
  const backUp = useBackUp(tenant.slug);
  const restore = useRestore(tenant.slug);
  const drop = useDropOldCopy(tenant.slug);
  const t = one.data ?? tenant;
  const under = t.move && ['REQUESTED', 'COPYING', 'VERIFYING'].includes(t.move.state);
  const others = (clusters.data ?? []).filter((c) => c.name !== t.cluster);
  // The newest complete backup: app's report, or the list when a backup finished after it reported.
  const newestBackup = [t.lastBackupAt, ...(backups.data ?? []).filter((b) => b.state === 'DONE').map((b) => b.finishedAt ?? b.requestedAt)]
    .filter((at): at is string => Boolean(at))
    .sort()
    .at(-1);
  const figures: [string, string][] = [
    [m.cluster, t.cluster ?? '—'],
    [m.schemaVersion, t.schemaVersion ?? '—'],
    [m.size, size(t.sizeBytes)],
    [m.members, t.members == null ? '—' : String(t.members)],
    [m.lastActivity, when(t.lastActivityAt)],
    [m.lastBackup, when(newestBackup)],
    [m.lastRehearsal, t.lastRehearsal ? when(t.lastRehearsal.at) + ' — ' + (t.lastRehearsal.ok ? m.rehearsalOk : m.rehearsalFailed) : m.notYet],
  ];
  return (
    <Dialog open onClose={onClose} aria-labelledby="data-title" fullWidth maxWidth="sm">
      <DialogTitle id="data-title">{fill(m.dataOf, { name: tenant.name })}</DialogTitle>
      <DialogContent>
        {problem(one.error ?? move.error ?? backUp.error ?? drop.error ?? restore.error ?? exportError)}
        {notice && <Alert severity="success" role="status" sx={{ mb: 1 }} onClose={() => setNotice(null)}>{notice}</Alert>}
        {!t.reportedAt && <Alert severity="info" sx={{ mb: 1 }}>{m.notReported}</Alert>}
        <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}>
          {figures.map(([label, value]) => (
            <Box key={label} sx={{ display: 'contents' }}>
              <Typography component="dt" variant="body2" color="text.secondary">{label}</Typography>
              <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }} data-figure={label}>{value}</Typography>
            </Box>
          ))}
        </Box>
        {t.lastRehearsal && !t.lastRehearsal.ok && <Alert severity="error" sx={{ mt: 1 }}>{t.lastRehearsal.detail}</Alert>}
        {t.move && (
          <Alert severity={t.move.state === 'FAILED' ? 'error' : t.move.state === 'DONE' ? 'success' : 'info'} sx={{ mt: 2 }} data-move={t.move.state}>
            {fill(m.moveState, { target: t.move.target, state: m.moveStates[t.move.state] ?? t.move.state })}
            {t.move.pausedMillis != null && ' (' + fill(m.paused, { ms: t.move.pausedMillis }) + ')'}
            {t.move.detail && <Typography variant="body2">{t.move.detail}</Typography>}
            {t.move.oldCluster && t.move.state === 'DONE' && (
              <Typography variant="body2">
                {fill(m.oldCopy, { cluster: t.move.oldCluster })}{' '}
                <Button size="small" onClick={() => drop.mutate(t)} disabled={drop.isPending}>{m.dropOldCopy}</Button>
              </Typography>
            )}
          </Alert>
        )}
        <Typography component="h3" variant="subtitle1" sx={{ mt: 2 }}>{m.move}</Typography>
        <Typography variant="body2" color="text.secondary">{m.moveHelp}</Typography>
        <Box sx={{ display: 'flex', gap: 1, mt: 1, flexWrap: 'wrap' }}>
          <TextField select label={m.moveTo} value={target} onChange={(e) => setTarget(e.target.value)} sx={{ flex: '1 1 160px' }}
            disabled={others.length === 0 || Boolean(under)} {...fieldError(move.error, 'cluster')}>
            {others.map((c) => <MenuItem key={c.name} value={c.name}>{c.name} ({c.organisations})</MenuItem>)}
          </TextField>
          <Button variant="outlined" disabled={!target || move.isPending || Boolean(under)} onClick={() => move.mutate({ tenant: t, cluster: target })}>{m.move}</Button>
        </Box>
        {clusters.data && others.length === 0 && <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>{m.noOtherCluster}</Typography>}
        <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', mt: 2, flexWrap: 'wrap', gap: 1 }}>
          <Typography component="h3" variant="subtitle1">{m.backups}</Typography>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            <Button variant="outlined" onClick={() => backUp.mutate(t)} disabled={backUp.isPending}>{m.backUp}</Button>
            <Button onClick={() => { setExportError(null); downloadExport(t).catch(setExportError); }}
              disabled={!backups.data?.some((b) => b.state === 'DONE')} title={m.exportHelp}>{m.exportData}</Button>
          </Box>
        </Box>
        {backups.data?.length === 0 && <Typography variant="body2">{m.noBackups}</Typography>}
        <List dense aria-label={m.backups}>
          {(backups.data ?? []).map((backup) => (
            <ListItem key={backup.id} data-backup={backup.state} sx={{ flexWrap: 'wrap' }}>
              <ListItemText primary={when(backup.requestedAt) + ' — ' + (m.backupStates[backup.state] ?? backup.state)}
                secondary={[backup.rows != null && fill(m.rows, { rows: backup.rows }), backup.sizeBytes != null && size(backup.sizeBytes),
                  backup.state === 'FAILED' && backup.detail].filter(Boolean).join(' · ')} />
              {backup.state === 'DONE' && (
                <Box sx={{ display: 'flex', gap: 1 }}>
                  <Button size="small" onClick={() => setRestoring({ backup, asNew: false, newSlug: '' })}>{m.restoreHere}</Button>
                  <Button size="small" onClick={() => setRestoring({ backup, asNew: true, newSlug: '' })}>{m.restoreAsNew}</Button>
                </Box>
              )}
            </ListItem>
          ))}
        </List>
        {restoring && (
          <Box sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }} role="group" aria-label={restoring.asNew ? m.restoreAsNew : m.restoreHere}>
            <Typography variant="body2">{fill(m.confirmRestore, { name: t.name, time: when(restoring.backup.requestedAt) })}</Typography>
            {restoring.asNew && (
              <TextField label={m.newSlug} value={restoring.newSlug} fullWidth sx={{ mt: 1 }} autoFocus
                onChange={(e) => setRestoring({ ...restoring, newSlug: e.target.value.trim().toLowerCase() })} {...fieldError(restore.error, 'slug')} />
            )}
            <Box sx={{ display: 'flex', gap: 1, mt: 1, justifyContent: 'flex-end' }}>
              <Button onClick={() => setRestoring(null)}>{m.cancel}</Button>
              <Button variant="contained" disabled={restore.isPending || (restoring.asNew && !restoring.newSlug)}
                onClick={() => restore.mutate({ tenant: t, backup: restoring.backup, newSlug: restoring.asNew ? restoring.newSlug : undefined },
                  { onSuccess: () => { setRestoring(null); setNotice(m.restoreAsked); } })}>{m.confirm}</Button>
            </Box>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{m.close}</Button>
      </DialogActions>
    </Dialog>
  );
}
