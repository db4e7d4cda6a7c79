import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { fullName } from '../../../ui/format';
import { Page, Section } from '../../../ui/Page';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { useChangePassword, useConfirmEmailAgain, useDownloadMyData, useEraseMe, useMakeCalendarFeed, useSetUpMfa, useVerifyMfa } from '../api/profile';

export default function Profile() {
  const { me } = useAuth();
  if (!me) {
    return null;
  }
  return (
    <Page title={t('profile.title')}>
      <Typography>{fullName(me.person)} · {me.person.email}</Typography>
      <Typography variant="body2">{t('profile.roles', { roles: me.roles.map((r) => t('roles.' + r)).join(', ') })}</Typography>
      {!me.person.emailVerified && <UnconfirmedEmail email={me.person.email} />}
      <Notifications />
      <CalendarFeed />
      <TwoFactor enabled={me.person.mfaEnabled} />
      <ChangePassword />
      <Privacy />
    </Page>
  );
}

/** His address bounced (or was never confirmed): mail does not reach him until he confirms it again. */
function UnconfirmedEmail({ email }: { email: string }) {
  const confirm = useConfirmEmailAgain();
  return (
    <Alert severity="warning" sx={{ mt: 2 }} role="region" aria-label={t('profile.emailUnconfirmedTitle')}>
      <Typography sx={{ fontWeight: 700 }}>{t('profile.emailUnconfirmedTitle')}</Typography>
      <Typography variant="body2">{t('profile.emailUnconfirmed', { email })}</Typography>
      {confirm.isSuccess ? (
        <Typography role="status" variant="body2" sx={{ mt: 1, fontWeight: 500 }}>{t('profile.emailLinkSent', { email })}</Typography>
      ) : (
        <Button variant="outlined" onClick={() => confirm.mutate()} disabled={confirm.isPending} sx={{ mt: 1 }}>{t('profile.emailSendLink')}</Button>
      )}
      <ProblemAlert error={confirm.error} />
    </Alert>
  );
}

function Notifications() {
  return (
    <Section title={t('profile.notifications')}>
      <Typography variant="body2">{t('profile.notificationsHelp')}</Typography>
      <Button component={Link} to="/settings/notifications" sx={{ mt: 1 }}>{t('notifications.settings')}</Button>
    </Section>
  );
}

function CalendarFeed() {
  const feed = useMakeCalendarFeed();
  const [copied, setCopied] = useState(false);
  return (
    <Section title={t('profile.calendar')}>
      <Typography variant="body2">{t('profile.calendarHelp')}</Typography>
      {feed.data ? (
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', mt: 1 }}>
          <TextField label={t('profile.calendar')} value={feed.data.url} slotProps={{ htmlInput: { readOnly: true } }} />
          <Button onClick={() => void navigator.clipboard?.writeText(feed.data.url).then(() => setCopied(true))}>{copied ? t('profile.copied') : t('profile.copy')}</Button>
        </Box>
      ) : (
        <Button onClick={() => feed.mutate()} sx={{ mt: 1 }}>{t('profile.makeFeed')}</Button>
      )}
      <ProblemAlert error={feed.error} />
    </Section>
  );
}

function TwoFactor({ enabled }: { enabled: boolean }) {
  const { reloadMe } = useAuth();
  const setup = useSetUpMfa();
  const [code, setCode] = useState('');
  const verify = useVerifyMfa({ onSuccess: () => void reloadMe() });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    verify.mutate(code);
  };
  return (
    <Section title={t('profile.mfa')}>
      {verify.data ? (
        <Alert severity="success">
          {t('profile.recovery')}
          <Box component="ul" sx={{ fontFamily: 'monospace' }}>{verify.data.recoveryCodes.map((c) => <li key={c}>{c}</li>)}</Box>
        </Alert>
      ) : enabled ? (
        <Typography>{t('profile.mfaOn')}</Typography>
      ) : setup.data ? (
        <form onSubmit={submit} noValidate>
          <Typography variant="body2">{t('profile.scanQr')}</Typography>
          <img src={setup.data.qrCode} alt={t('profile.setup')} width={220} height={220} style={{ display: 'block', margin: '8px 0' }} />
          <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>{t('profile.secret', { secret: setup.data.secret })}</Typography>
          <TextField label={t('profile.code')} value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" autoComplete="one-time-code" {...fieldProps(verify.error, 'code')} />
          <ProblemAlert error={verify.error} />
          <Button type="submit" variant="contained">{t('auth.verify')}</Button>
        </form>
      ) : (
        <Button onClick={() => setup.mutate()}>{t('profile.setup')}</Button>
      )}
      <ProblemAlert error={setup.error} />
    </Section>
  );
}

function ChangePassword() {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const change = useChangePassword();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate({ currentPassword, newPassword });
  };
  return (
    <Section title={t('profile.password')}>
      <form onSubmit={submit} noValidate>
        <input type="email" autoComplete="username" hidden readOnly aria-hidden="true" tabIndex={-1} />
        <TextField label={t('profile.current')} type="password" value={currentPassword} onChange={(e) => setCurrent(e.target.value)} autoComplete="current-password" {...fieldProps(change.error, 'currentPassword')} />
        <TextField label={t('auth.newPassword')} type="password" value={newPassword} onChange={(e) => setNew(e.target.value)} autoComplete="new-password" {...fieldProps(change.error, 'newPassword', t('auth.passwordRule'))} />
        <ProblemAlert error={change.error} />
        {change.isSuccess && <Alert severity="success" role="status">{t('profile.passwordChanged')}</Alert>}
        <Button type="submit" variant="outlined" disabled={change.isPending}>{t('profile.changePassword')}</Button>
      </form>
    </Section>
  );
}

function Privacy() {
  const { signOut } = useAuth();
  const [confirm, setConfirm] = useState('');
  const exported = useDownloadMyData();
  const erase = useEraseMe({ onSuccess: () => void signOut() });
  return (
    <Section title={t('profile.export')}>
      <Button variant="outlined" onClick={() => exported.mutate()}>{t('profile.export')}</Button>
      <ProblemAlert error={exported.error} />
      <Typography variant="h3" component="h3" sx={{ mt: 3 }}>{t('profile.erase')}</Typography>
      <Typography variant="body2">{t('profile.eraseConfirm')}</Typography>
      <TextField label={t('profile.eraseWord')} value={confirm} onChange={(e) => setConfirm(e.target.value)} />
      <ProblemAlert error={erase.error} />
      <Button color="error" variant="contained" disabled={confirm !== t('profile.eraseWord') || erase.isPending} onClick={() => erase.mutate()}>{t('profile.erase')}</Button>
    </Section>
  );
}
