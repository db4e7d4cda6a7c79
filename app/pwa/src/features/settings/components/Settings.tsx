import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { t } from '../../../i18n/t';
import { Loaded, Page, Section } from '../../../ui/Page';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { TimeZoneField } from '../../../ui/TimeZoneField';
import { LANGUAGES } from '../../../i18n/languages';
import { settingsQuery, useDownloadExport, useSaveSettings } from '../api/settings';
import type { Role, Settings } from '../api/types';

const ROLES: Role[] = ['MEMBER', 'FACILITATOR', 'PTM', 'ADMIN', 'LEADERSHIP', 'SUPPORT', 'CARE'];

/** Hearth's own colour, the organisation's mail's until it sets its own (NotificationMails.HEARTH_COLOUR). */
const HEARTH_COLOUR = '#7a3b12';

export default function SettingsScreen() {
  const settings = useQuery(settingsQuery());
  const exported = useDownloadExport();
  return (
    <Page title={t('admin.settings')}>
      <Loaded query={settings}>{(data) => <Form initial={data} />}</Loaded>
      <Section title={t('admin.notifications')}>
        <Typography variant="body2">{t('admin.notificationDefaultsHelp')}</Typography>
        <Button component={Link} to="/admin/settings/notifications" variant="outlined" sx={{ mt: 1 }}>{t('admin.notificationDefaults')}</Button>
      </Section>
      <Section title={t('safety.editor.title')}>
        <Typography variant="body2">{t('admin.crisisLinesHelp')}</Typography>
        <Button component={Link} to="/admin/settings/crisis-lines" variant="outlined" sx={{ mt: 1 }}>{t('admin.crisisLines')}</Button>
      </Section>
      <Section title={t('admin.export')}>
        <Typography variant="body2">{t('admin.exportHelp')}</Typography>
        <Button variant="outlined" sx={{ mt: 1 }} onClick={() => exported.mutate()} disabled={exported.isPending}>
          {exported.isPending ? t('admin.exporting') : t('admin.exportButton')}
        </Button>
        <ProblemAlert error={exported.error} />
      </Section>
    </Page>
  );
}

function Form({ initial }: { initial: Settings }) {
  const [form, setForm] = useState(initial);
  useEffect(() => setForm(initial), [initial]);
  const save = useSaveSettings();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(form);
  };
  return (
    <form onSubmit={submit} noValidate>
      <TextField select label={t('admin.registrationMode')} value={form.registrationMode} onChange={(e) => setForm({ ...form, registrationMode: e.target.value as Settings['registrationMode'] })}>
        <MenuItem value="OPEN">{t('admin.OPEN')}</MenuItem>
        <MenuItem value="APPROVAL">{t('admin.APPROVAL')}</MenuItem>
      </TextField>
      <FormLabel component="legend" sx={{ mt: 2 }}>{t('admin.mfaRoles')}</FormLabel>
      <FormGroup row>
        {ROLES.map((r) => (
          <FormControlLabel key={r} label={t('roles.' + r)} control={<Checkbox checked={form.mfaRequiredRoles.includes(r)} onChange={(e) => setForm({ ...form, mfaRequiredRoles: e.target.checked ? [...form.mfaRequiredRoles, r] : form.mfaRequiredRoles.filter((x) => x !== r) })} />} />
        ))}
      </FormGroup>
      <TimeZoneField label={t('admin.timeZone')} value={form.timeZone} onChange={(timeZone) => setForm({ ...form, timeZone })} {...fieldProps(save.error, 'timeZone', t('admin.timeZoneHelp'))} />
      <TextField select label={t('admin.language')} value={form.language} onChange={(e) => setForm({ ...form, language: e.target.value })}
        {...fieldProps(save.error, 'language', t('admin.languageHelp'))}>
        {LANGUAGES.map((l) => <MenuItem key={l.code} value={l.code} lang={l.code}>{l.name}</MenuItem>)}
      </TextField>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <TextField type="color" label={t('admin.brandColour')} value={form.brandColour || HEARTH_COLOUR} onChange={(e) => setForm({ ...form, brandColour: e.target.value })}
          slotProps={{ inputLabel: { shrink: true } }} sx={{ width: 160 }} {...fieldProps(save.error, 'brandColour', form.brandColour ? form.brandColour : t('admin.hearthColourInUse'))} />
        {form.brandColour ? <Button onClick={() => setForm({ ...form, brandColour: '' })}>{t('admin.useHearthColour')}</Button> : null}
      </Box>
      <TextField type="number" label={t('admin.apiLimit')} value={form.apiRequestsPerMinute} onChange={(e) => setForm({ ...form, apiRequestsPerMinute: Number(e.target.value) })} {...fieldProps(save.error, 'apiRequestsPerMinute')} />
      <ProblemAlert error={save.error} />
      {save.isSuccess && <Alert severity="success" role="status">{t('admin.saved')}</Alert>}
      <Button type="submit" variant="contained" disabled={save.isPending} sx={{ mt: 2 }}>{t('common.save')}</Button>
    </form>
  );
}
