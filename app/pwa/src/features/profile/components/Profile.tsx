import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { fullName } from '../../../ui/format';
import { Page, Section } from '../../../ui/Page';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { TimeZoneField } from '../../../ui/TimeZoneField';
import { LANGUAGES, languageName } from '../../../i18n/languages';
import { useChangePassword, useChangeProfile, useRequestEmailChange, useConfirmEmailAgain, useDownloadMyData, useEraseMe, useMakeCalendarFeed, useSetUpMfa, useVerifyMfa } from '../api/profile';

export default function Profile() {
  const { me, reloadMe } = useAuth();
  // Kept here, not in the form: a saved change is a new answer, which starts the form again from it.
  const [saved, setSaved] = useState(false);
  const saveDetails = useChangeProfile({ onSuccess: () => { setSaved(true); void reloadMe(); } });
  if (!me) {
    return null;
  }
  return (
    <Page title={t('profile.title')}>
      <Typography>{fullName(me.person)} · {me.person.email}</Typography>
      <Typography variant="body2">{t('profile.roles', { roles: me.roles.map((r) => t('roles.' + r)).join(', ') })}</Typography>
      {!me.person.emailVerified && <UnconfirmedEmail email={me.person.email} />}
      <Details key={[me.person.firstName, me.person.lastName, me.person.timeZone ?? '', me.person.language ?? ''].join('|')} firstName={me.person.firstName}
        lastName={me.person.lastName} ownZone={me.person.timeZone ?? null} zone={me.timeZone ?? me.person.timeZone ?? 'UTC'}
        ownLanguage={me.person.language ?? null} language={me.language ?? me.person.language ?? 'en'}
        save={saveDetails} saved={saved} onEdit={() => setSaved(false)} />
      <EmailAddress email={me.person.email} />
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

/** The zone of the device he is holding, when the browser says it. */
function deviceZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

/**
 * His name and the clock he lives by (quiet hours, the digest's hour): his own zone, or the organisation's. The form
 * starts from what the server holds (a new answer starts it again: its key is the answer).
 */
function Details({ firstName: first, lastName: last, ownZone, zone, ownLanguage, language: effective, save, saved, onEdit }: {
  firstName: string; lastName: string; ownZone: string | null; zone: string; ownLanguage: string | null; language: string;
  save: ReturnType<typeof useChangeProfile>; saved: boolean; onEdit: () => void;
}) {
  const [firstName, setFirstName] = useState(first);
  const [lastName, setLastName] = useState(last);
  const [followOrganisation, setFollow] = useState(ownZone === null);
  const [timeZone, setTimeZone] = useState(ownZone ?? zone);
  // '' follows the organisation's language; what it is now is his effective one while he follows it.
  const [language, setLanguage] = useState(ownLanguage ?? '');
  const here = deviceZone();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onEdit();
    save.mutate({ firstName, lastName, timeZone: followOrganisation ? '' : timeZone, language });
  };
  return (
    <Section title={t('profile.details')}>
      <form onSubmit={submit} noValidate aria-label={t('profile.details')}>
        <TextField label={t('profile.firstName')} value={firstName} onChange={(e) => setFirstName(e.target.value)} autoComplete="given-name" {...fieldProps(save.error, 'firstName')} />
        <TextField label={t('profile.lastName')} value={lastName} onChange={(e) => setLastName(e.target.value)} autoComplete="family-name" {...fieldProps(save.error, 'lastName')} />
        <Typography variant="body2" sx={{ mt: 1 }}>{t('profile.zoneNow', { zone: zone.replace(/_/g, ' ') })}</Typography>
        <FormControlLabel control={<Checkbox checked={followOrganisation} onChange={(e) => setFollow(e.target.checked)} />} label={t('profile.followOrganisation')} />
        {!followOrganisation && (
          <>
            <TimeZoneField label={t('profile.timeZone')} value={timeZone} onChange={setTimeZone} {...fieldProps(save.error, 'timeZone')} />
            {here && here !== timeZone && (
              <Button size="small" onClick={() => setTimeZone(here)}>{t('profile.useDeviceZone', { zone: here.replace(/_/g, ' ') })}</Button>
            )}
          </>
        )}
        <TextField select label={t('profile.language')} value={language} onChange={(e) => setLanguage(e.target.value)}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }} {...fieldProps(save.error, 'language')}>
          <MenuItem value="">{ownLanguage === null ? t('profile.organisationLanguage', { language: languageName(effective) }) : t('profile.organisationLanguagePlain')}</MenuItem>
          {LANGUAGES.map((l) => <MenuItem key={l.code} value={l.code} lang={l.code}>{l.name}</MenuItem>)}
        </TextField>
        <ProblemAlert error={save.error} />
        <Button type="submit" variant="contained" disabled={save.isPending} sx={{ mt: 1 }}>{t('profile.saveDetails')}</Button>
        <Typography role="status" variant="body2" sx={{ color: 'success.main', fontWeight: 500, mt: 1 }}>{saved ? t('profile.detailsSaved') : ''}</Typography>
      </form>
    </Section>
  );
}

/** A new address: his password proves it is he, and a link to the new address proves it is his. */
function EmailAddress({ email }: { email: string }) {
  const [address, setAddress] = useState('');
  const [password, setPassword] = useState('');
  const change = useRequestEmailChange();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate({ email: address, password }, { onSuccess: () => setPassword('') });
  };
  return (
    <Section title={t('profile.emailTitle')}>
      <Typography variant="body2">{t('profile.emailNow', { email })}</Typography>
      <form onSubmit={submit} noValidate aria-label={t('profile.emailTitle')}>
        <TextField label={t('profile.newEmail')} type="email" value={address} onChange={(e) => setAddress(e.target.value)} autoComplete="email" {...fieldProps(change.error, 'email')} />
        <TextField label={t('profile.current')} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" {...fieldProps(change.error, 'password')} />
        <ProblemAlert error={change.error} />
        <Button type="submit" variant="outlined" disabled={change.isPending || !address || !password} sx={{ mt: 1 }}>{t('profile.changeEmail')}</Button>
        <Typography role="status" variant="body2" sx={{ color: 'success.main', fontWeight: 500, mt: 1 }}>{change.isSuccess ? t('profile.emailLinkToNew', { email: address }) : ''}</Typography>
      </form>
    </Section>
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
