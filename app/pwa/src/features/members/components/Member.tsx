import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { t } from '../../../i18n/t';
import { day, fullName } from '../../../ui/format';
import { Loaded, Page, Section } from '../../../ui/Page';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { memberQuery, useChangeAccount, useGrantRole, useRevokeRole } from '../api/members';
import type { Person, Role } from '../api/types';
import { ROLES } from '../roles';

/** One man, for an admin: who he is, his roles (granted, with an optional end, or removed) and his account (approve, deactivate, reactivate). */
export default function Member() {
  const { id = '' } = useParams();
  const person = useQuery(memberQuery(id));
  return (
    <Page title={person.data ? fullName(person.data) : t('admin.members')}>
      <Button component={Link} to="/admin/members" sx={{ ml: -1 }}>{'← ' + t('admin.all')}</Button>
      <Loaded query={person}>
        {(data) => (
          <>
            <Details person={data} />
            <Roles person={data} />
            <Account person={data} />
          </>
        )}
      </Loaded>
    </Page>
  );
}

const onOff = (on: boolean) => (on ? t('support.on') : t('support.off'));

function Details({ person }: { person: Person }) {
  return (
    <Box sx={{ mt: 1 }}>
      <Typography>{person.email}</Typography>
      <Typography data-status={person.status} sx={{ fontWeight: 600 }}>{t('personStatus.' + person.status)}</Typography>
      <Typography variant="body2">{t('support.since', { when: day(person.createdAt) })}</Typography>
      <Typography variant="body2">{t('support.mfa', { on: onOff(person.mfaEnabled) })} · {t('support.phone', { on: onOff(person.phoneVerified) })}</Typography>
    </Box>
  );
}

function Roles({ person }: { person: Person }) {
  const [role, setRole] = useState<Role>('FACILITATOR');
  const [until, setUntil] = useState('');
  const grant = useGrantRole(person.id, { onSuccess: () => setUntil('') });
  const revoke = useRevokeRole(person.id);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    grant.mutate({ role, validUntil: until ? new Date(until).toISOString() : null });
  };
  return (
    <Section title={t('admin.roles')}>
      {person.roles.length === 0 ? (
        <Typography>{t('admin.noRoles')}</Typography>
      ) : (
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          {person.roles.map((r) => (
            <Chip key={r} label={t('roles.' + r)} onDelete={() => revoke.mutate(r)} disabled={revoke.isPending} aria-label={t('admin.revoke', { role: t('roles.' + r) })} sx={{ height: 44, borderRadius: 22 }} />
          ))}
        </Box>
      )}
      <ProblemAlert error={revoke.error} />
      {person.status === 'ACTIVE' && (
        <form onSubmit={submit} noValidate aria-label={t('admin.grant')}>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'flex-start', mt: 1 }}>
            <TextField select label={t('admin.role')} value={role} onChange={(e) => setRole(e.target.value as Role)} sx={{ flex: '1 1 150px' }} {...fieldProps(grant.error, 'role')}>
              {ROLES.map((r) => <MenuItem key={r} value={r}>{t('roles.' + r)}</MenuItem>)}
            </TextField>
            <TextField type="date" label={t('admin.until')} value={until} onChange={(e) => setUntil(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} sx={{ flex: '1 1 150px' }} {...fieldProps(grant.error, 'validUntil')} />
            <Button type="submit" variant="outlined" disabled={grant.isPending} sx={{ mt: 1 }}>{t('admin.grant')}</Button>
          </Box>
          <ProblemAlert error={grant.error} />
        </form>
      )}
    </Section>
  );
}

function Account({ person }: { person: Person }) {
  const [confirming, setConfirming] = useState(false);
  const act = useChangeAccount(person.id, { onSuccess: () => setConfirming(false) });
  if (person.status !== 'PENDING_APPROVAL' && person.status !== 'ACTIVE' && person.status !== 'DEACTIVATED') {
    return null;
  }
  return (
    <Section title={t('admin.account')}>
      {person.status === 'PENDING_APPROVAL' && <Button variant="contained" onClick={() => act.mutate('approve')} disabled={act.isPending}>{t('admin.approve')}</Button>}
      {person.status === 'ACTIVE' && <Button color="error" variant="outlined" onClick={() => setConfirming(true)}>{t('admin.deactivate')}</Button>}
      {person.status === 'DEACTIVATED' && <Button variant="outlined" onClick={() => act.mutate('reactivate')} disabled={act.isPending}>{t('admin.reactivate')}</Button>}
      {!confirming && <ProblemAlert error={act.error} />}
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="deactivate-title">
        <DialogTitle id="deactivate-title">{t('admin.deactivateTitle', { name: fullName(person) })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('admin.deactivateHelp')}</DialogContentText>
          <ProblemAlert error={act.error} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>{t('admin.keep')}</Button>
          <Button color="error" variant="contained" onClick={() => act.mutate('deactivate')} disabled={act.isPending}>{t('admin.deactivate')}</Button>
        </DialogActions>
      </Dialog>
    </Section>
  );
}
