import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { t } from '../../../i18n/t';
import { when } from '../../../ui/format';
import { Pager } from '../../../ui/Pager';
import { Loaded, Page } from '../../../ui/Page';
import { auditQuery, type AuditFilter } from '../api/audit';

export default function Audit() {
  const [draft, setDraft] = useState<AuditFilter>({ action: '', actorId: '', targetId: '', from: '', to: '' });
  const [filter, setFilter] = useState(draft);
  const [page, setPage] = useState(0);
  const audit = useQuery(auditQuery(filter, page));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPage(0);
    setFilter(draft);
  };
  const set = (field: keyof typeof draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [field]: e.target.value });
  return (
    <Page title={t('admin.audit')}>
      <form onSubmit={submit} noValidate>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr 1fr' }, gap: 1 }}>
          <TextField label={t('admin.action')} value={draft.action} onChange={set('action')} />
          <TextField label={t('admin.actor')} value={draft.actorId} onChange={set('actorId')} />
          <TextField label={t('admin.target')} value={draft.targetId} onChange={set('targetId')} />
          <TextField label={t('admin.from')} type="datetime-local" value={draft.from} onChange={set('from')} slotProps={{ inputLabel: { shrink: true } }} />
          <TextField label={t('admin.to')} type="datetime-local" value={draft.to} onChange={set('to')} slotProps={{ inputLabel: { shrink: true } }} />
          <Button type="submit" variant="contained" sx={{ alignSelf: 'center' }}>{t('admin.filter')}</Button>
        </Box>
      </form>
      <Loaded query={audit}>
        {(data) => (
          <>
            <TableContainer sx={{ mt: 2 }} tabIndex={0} role="region" aria-label={t('admin.audit')}>
              <Table size="small" aria-label={t('admin.audit')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('admin.when')}</TableCell>
                    <TableCell>{t('admin.action')}</TableCell>
                    <TableCell>{t('admin.actor')}</TableCell>
                    <TableCell>{t('admin.ip')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.items.map((entry) => (
                    <TableRow key={entry.id}>
                      <TableCell>{when(entry.occurredAt)}</TableCell>
                      <TableCell>{entry.action}</TableCell>
                      <TableCell sx={{ wordBreak: 'break-all' }}>{entry.actorId ?? '—'}</TableCell>
                      <TableCell>{entry.ip ?? '—'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
            <Pager page={page} size={data.size} totalItems={data.totalItems} onPage={setPage} />
          </>
        )}
      </Loaded>
    </Page>
  );
}
