import Alert from '@mui/material/Alert';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { stripeStatusesQuery } from '../api/billing';
import { tenantsQuery, useChangeSmsNumber, useChangeTenant, type TenantAction } from '../api/tenants';
import type { Tenant } from '../api/types';
import { fill, m } from '../messages';
import { fieldError, problem } from '../ui/problem';
import { Audit } from './Audit';
import { Onboard } from './Onboard';
import { Plans } from './Plans';
import { Revenue } from './Revenue';
import { TenantData } from './TenantData';

const STATUSES = ['PROVISIONING', 'ACTIVE', 'SUSPENDED', 'FAILED'] as const;
const colour = { PROVISIONING: 'info', ACTIVE: 'success', SUSPENDED: 'warning', FAILED: 'error' } as const;

/** What each action on an organisation is called and asks before it runs. */
const ACTIONS: Record<TenantAction, { title: string; question: string }> = {
  suspend: { title: m.suspend, question: m.confirmSuspend },
  reactivate: { title: m.reactivate, question: m.confirmReactivate },
  retry: { title: m.retry, question: m.confirmRetry },
  resend: { title: m.resend, question: m.confirmResend },
};

/**
 * The signed-in console: the organisations (searched, paged, each with its actions), onboarding a new one, the
 * platform's fees, the plans and the operators' sign-in audit.
 */
export function Organisations({ onSignOut }: { onSignOut: () => void }) {
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(0);
  const [confirming, setConfirming] = useState<{ tenant: Tenant; action: TenantAction } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [numbering, setNumbering] = useState<{ tenant: Tenant; number: string } | null>(null);
  const [dataOf, setDataOf] = useState<Tenant | null>(null);
  const number = useChangeSmsNumber({
    onSuccess: (saved) => {
      setNumbering(null);
      setNotice(saved.smsNumber ? fill(m.numberSet, { name: saved.name, number: saved.smsNumber }) : fill(m.numberShared, { name: saved.name }));
    },
  });
  const list = useQuery(tenantsQuery(q, status, page));
  const stripe = useQuery(stripeStatusesQuery());
  const stripeOf = (id: string) => stripe.data?.organisations.find((o) => o.tenantId === id);
  const change = useChangeTenant({
    onSuccess: (_, { tenant, action }) => {
      setConfirming(null);
      setNotice(action === 'resend' ? fill(m.resent, { email: tenant.adminEmail }) : null);
    },
  });
  return (
    <>
      <AppBar position="static">
        <Toolbar>
          <Typography component="span" variant="h6" sx={{ flexGrow: 1 }}>{m.title}</Typography>
          <Button color="inherit" onClick={onSignOut}>{m.signOut}</Button>
        </Toolbar>
      </AppBar>
      <Box component="main" sx={{ maxWidth: 1100, mx: 'auto', p: 2 }}>
        <Typography component="h1" variant="h5">{m.organisations}</Typography>
        <Onboard stillProvisioning={(slug) => list.data?.items.some((t) => t.slug === slug && t.status === 'PROVISIONING') ?? true} />
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 2 }}>
          <TextField label={m.search} value={q} onChange={(e) => { setQ(e.target.value); setPage(0); }} sx={{ flex: '2 1 220px' }} />
          <TextField select label={m.status} value={status} onChange={(e) => { setStatus(e.target.value); setPage(0); }} sx={{ flex: '1 1 160px' }}>
            <MenuItem value="">{m.any}</MenuItem>
            {STATUSES.map((s) => <MenuItem key={s} value={s}>{m.statuses[s]}</MenuItem>)}
          </TextField>
        </Box>
        {problem(list.error ?? change.error)}
        {notice && <Alert severity="success" sx={{ mt: 2 }} role="status" onClose={() => setNotice(null)}>{notice}</Alert>}
        {list.isPending ? <p role="status">{m.loading}</p> : list.data && (
          <>
            <TableContainer component={Paper} sx={{ mt: 2 }} tabIndex={0} role="region" aria-label={m.organisations}>
              <Table aria-label={m.organisations}>
                <TableHead>
                  <TableRow>
                    <TableCell>{m.name}</TableCell>
                    <TableCell>Slug</TableCell>
                    <TableCell>{m.status}</TableCell>
                    <TableCell>{m.plan}</TableCell>
                    <TableCell>{m.stripe}</TableCell>
                    <TableCell>{m.smsNumber}</TableCell>
                    <TableCell>{m.cluster}</TableCell>
                    <TableCell>{m.created}</TableCell>
                    <TableCell />
                  </TableRow>
                </TableHead>
                <TableBody>
                  {list.data.items.map((tenant) => (
                    <TableRow key={tenant.id} data-slug={tenant.slug}>
                      <TableCell>{tenant.name}</TableCell>
                      <TableCell>{tenant.slug}</TableCell>
                      <TableCell>
                        <Chip size="small" color={colour[tenant.status]} label={m.statuses[tenant.status]} data-status={tenant.status} />
                        {tenant.status === 'FAILED' && tenant.failureReason && <Typography variant="body2" color="error">{fill(m.failed, { reason: tenant.failureReason })}</Typography>}
                      </TableCell>
                      <TableCell>{tenant.plan}</TableCell>
                      <TableCell data-stripe={stripeOf(tenant.id)?.status ?? 'NOT_CONNECTED'}>
                        {m.stripeStatuses[stripeOf(tenant.id)?.status ?? 'NOT_CONNECTED']}
                        {stripeOf(tenant.id)?.reason && <Typography variant="body2" color="error">{stripeOf(tenant.id)?.reason}</Typography>}
                      </TableCell>
                      <TableCell data-sms={tenant.smsNumber ?? ''}>
                        {tenant.smsNumber ?? m.sharedNumber}
                        <Button size="small" onClick={() => { number.reset(); setNumbering({ tenant, number: tenant.smsNumber ?? '' }); }}
                          aria-label={fill(m.changeNumberOf, { name: tenant.name })}>{m.changeNumber}</Button>
                      </TableCell>
                      <TableCell data-cluster={tenant.cluster ?? ''}>
                        {tenant.cluster ?? '—'}
                        {tenant.members != null && <Typography variant="body2" color="text.secondary">{tenant.members} · {tenant.schemaVersion}</Typography>}
                      </TableCell>
                      <TableCell>{new Date(tenant.createdAt).toLocaleString()}</TableCell>
                      <TableCell>
                        {(tenant.status === 'ACTIVE' || tenant.status === 'SUSPENDED') && (
                          <Button onClick={() => setDataOf(tenant)} aria-label={fill(m.dataOf, { name: tenant.name })}>{m.data}</Button>
                        )}
                        {tenant.status === 'ACTIVE' && <Button color="secondary" onClick={() => setConfirming({ tenant, action: "suspend" })}>{m.suspend}</Button>}
                        {tenant.status === 'SUSPENDED' && <Button onClick={() => setConfirming({ tenant, action: 'reactivate' })}>{m.reactivate}</Button>}
                        {tenant.status === 'FAILED' && <Button onClick={() => setConfirming({ tenant, action: 'retry' })}>{m.retry}</Button>}
                        {tenant.status === 'ACTIVE' && <Button onClick={() => setConfirming({ tenant, action: 'resend' })}>{m.resend}</Button>}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
            {list.data.items.length === 0 && <Typography sx={{ mt: 2 }}>{m.none}</Typography>}
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 2 }}>
              <Button disabled={page === 0} onClick={() => setPage(page - 1)}>{m.previous}</Button>
              <Typography>{fill(m.page, { page: page + 1, pages: Math.max(1, Math.ceil(list.data.totalItems / list.data.size)) })}</Typography>
              <Button disabled={(page + 1) * list.data.size >= list.data.totalItems} onClick={() => setPage(page + 1)}>{m.next}</Button>
            </Box>
          </>
        )}
        <Revenue names={Object.fromEntries((list.data?.items ?? []).map((t) => [t.id, t.name]))} />
        <Plans />
        <Audit />
      </Box>
      <Dialog open={numbering !== null} onClose={() => setNumbering(null)} aria-labelledby="number-title">
        <DialogTitle id="number-title">{numbering && fill(m.changeNumberOf, { name: numbering.tenant.name })}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 2 }}>{m.numberHelp}</Typography>
          <TextField label={m.smsNumber} value={numbering?.number ?? ''} inputMode="tel" autoFocus fullWidth
            onChange={(e) => numbering && setNumbering({ ...numbering, number: e.target.value })} {...fieldError(number.error, 'number')} />
          {problem(number.error)}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setNumbering(null)}>{m.cancel}</Button>
          {numbering?.tenant.smsNumber && (
            <Button onClick={() => numbering && number.mutate({ tenant: numbering.tenant, number: null })} disabled={number.isPending}>{m.useShared}</Button>
          )}
          <Button variant="contained" onClick={() => numbering && number.mutate({ tenant: numbering.tenant, number: numbering.number.trim() || null })}
            disabled={number.isPending}>{m.save}</Button>
        </DialogActions>
      </Dialog>
      {dataOf && <TenantData tenant={dataOf} onClose={() => setDataOf(null)} />}
      <Dialog open={confirming !== null} onClose={() => setConfirming(null)} aria-labelledby="confirm-title">
        <DialogTitle id="confirm-title">{confirming && ACTIONS[confirming.action].title}</DialogTitle>
        <DialogContent>{confirming && fill(ACTIONS[confirming.action].question, { name: confirming.tenant.name, email: confirming.tenant.adminEmail })}</DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(null)}>{m.cancel}</Button>
          <Button variant="contained" onClick={() => confirming && change.mutate(confirming)} disabled={change.isPending}>{m.confirm}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
