import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../../api/problem';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { fullName, when } from '../../../ui/format';
import { Loaded, Page, Section } from '../../../ui/Page';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { adminsQuery, ssoQuery, usePreviewMappings, useSaveSso, useTestProvider } from '../api/sso';
import type { PreviewMan, Role, SsoSettings } from '../api/types';
import { changedFirst, changes, domainsOf, draftOf, listMessages, mappingDraft, previewOf, requestOf, ROLES, type Draft } from '../sso';

/**
 * /admin/sso: the organisation's own sign-in (OpenID Connect) for admins. The provider, the domains whose addresses go
 * to it, the roles its groups give, the admin who keeps his password; a test of the saved provider and a preview of the
 * mappings before they are saved.
 */
export default function SsoScreen() {
  const { can } = useAuth();
  const allowed = can('organisation.manage');
  const settings = useQuery({ ...ssoQuery(), enabled: allowed });
  return (
    <Page title={t('sso.title')}>
      {!allowed ? (
        <Alert severity="info">{t('sso.adminsOnly')}</Alert>
      ) : (
        <>
          <Typography variant="body2" sx={{ mb: 1 }}>{t('sso.intro')}</Typography>
          <Loaded query={settings}>{(data) => <SsoForm saved={data} />}</Loaded>
        </>
      )}
    </Page>
  );
}

const select = { select: { native: true }, inputLabel: { shrink: true } } as const;

function SsoForm({ saved }: { saved: SsoSettings }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved));
  // The answer is what is kept: the form starts again from it (the secret typed is gone, "a secret is stored" says so).
  const save = useSaveSso({ onSuccess: (answer) => setDraft(draftOf(answer)) });
  const preview = usePreviewMappings();
  const set = (patch: Partial<Draft>) => {
    save.reset();
    setDraft((current) => ({ ...current, ...patch }));
  };
  // A preview shows what the mappings on screen would do: changing them takes it away.
  const setMappings = (patch: Partial<Draft>) => {
    preview.reset();
    set(patch);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(requestOf(draft));
  };
  const domains = domainsOf(draft.domains);
  const domainError = listMessages(save.error, 'domains', domains);
  const mappingError = save.error ?? preview.error;
  const mappingsError = listMessages(mappingError, 'roleMappings', []);
  return (
    <>
      <form onSubmit={submit} noValidate aria-label={t('sso.title')}>
        <Section title={t('sso.provider')}>
          <FormControlLabel control={<Switch checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} />} label={t('sso.enabled')} />
          <TextField label={t('sso.issuer')} value={draft.issuer} onChange={(e) => set({ issuer: e.target.value })} autoComplete="off" slotProps={{ htmlInput: { inputMode: 'url' } }}
            {...fieldProps(save.error, 'issuer', t('sso.issuerHelp'))} />
          <TextField label={t('sso.clientId')} value={draft.clientId} onChange={(e) => set({ clientId: e.target.value })} autoComplete="off"
            {...fieldProps(save.error, 'clientId')} />
          <TextField label={t('sso.clientSecret')} type="password" value={draft.clientSecret} onChange={(e) => set({ clientSecret: e.target.value })} autoComplete="new-password"
            {...fieldProps(save.error, 'clientSecret', saved.clientSecretSet ? t('sso.secretStored') : t('sso.secretHelp'))} />
          <RedirectUri uri={saved.redirectUri} />
          <TextField label={t('sso.domains')} value={draft.domains} onChange={(e) => set({ domains: e.target.value })} multiline minRows={2} autoComplete="off"
            error={Boolean(domainError)} helperText={domainError ?? t('sso.domainsHelp')} />
        </Section>
        <Section title={t('sso.roles')}>
          <Typography variant="body2">{t('sso.rolesHelp')}</Typography>
          <TextField label={t('sso.groupsClaim')} value={draft.groupsClaim} onChange={(e) => setMappings({ groupsClaim: e.target.value })} autoComplete="off"
            {...fieldProps(mappingError, 'groupsClaim', t('sso.groupsClaimHelp'))} />
          {draft.mappings.length === 0 && <Typography variant="body2" sx={{ my: 1 }}>{t('sso.noMappings')}</Typography>}
          {draft.mappings.map((mapping, index) => {
            const change = (patch: Partial<typeof mapping>) =>
              setMappings({ mappings: draft.mappings.map((other) => (other.key === mapping.key ? { ...other, ...patch } : other)) });
            return (
              <Box key={mapping.key} component="fieldset" aria-label={t('sso.mapping', { n: index + 1 })}
                sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', columnGap: 1, border: 0, p: 0, m: 0 }}>
                <TextField label={t('sso.group')} value={mapping.group} onChange={(e) => change({ group: e.target.value })} autoComplete="off" sx={{ flex: '2 1 12rem' }}
                  {...fieldProps(mappingError, `roleMappings[${index}].group`)} />
                <TextField select label={t('sso.role')} value={mapping.role} onChange={(e) => change({ role: e.target.value as Role })} slotProps={select} sx={{ flex: '1 1 9rem' }}
                  {...fieldProps(mappingError, `roleMappings[${index}].role`)}>
                  {ROLES.map((role) => <option key={role} value={role}>{t('roles.' + role)}</option>)}
                </TextField>
                <Button color="error" onClick={() => setMappings({ mappings: draft.mappings.filter((other) => other.key !== mapping.key) })}
                  aria-label={t('sso.removeLabel', { n: index + 1 })} sx={{ mt: 1 }}>
                  {t('sso.remove')}
                </Button>
              </Box>
            );
          })}
          {mappingsError && <Typography variant="body2" sx={{ color: 'error.main', mt: 1 }}>{mappingsError}</Typography>}
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1 }}>
            <Button onClick={() => setMappings({ mappings: [...draft.mappings, mappingDraft()] })}>{t('sso.addMapping')}</Button>
            <Button variant="outlined" onClick={() => preview.mutate(previewOf(draft))} disabled={preview.isPending}>{t('sso.preview')}</Button>
          </Box>
          <Typography variant="body2" sx={{ mt: 1, color: 'text.secondary' }}>{t('sso.previewHelp')}</Typography>
          <ProblemAlert error={preview.error} />
          {preview.data && <PreviewList men={preview.data.men} />}
        </Section>
        <Section title={t('sso.breakGlass')}>
          <BreakGlass value={draft.breakGlassAdminId} chosen={Boolean(saved.breakGlassAdminId)} onChange={(breakGlassAdminId) => set({ breakGlassAdminId })} error={save.error} />
        </Section>
        <ProblemAlert error={save.error} />
        <Typography role="status" sx={{ color: 'success.main', fontWeight: 500, mt: 1 }}>{save.isSuccess ? t('sso.saved') : ''}</Typography>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 2, mt: 1 }}>
          <Button type="submit" variant="contained" disabled={save.isPending}>{t('sso.save')}</Button>
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>{saved.updatedAt ? t('sso.updated', { when: when(saved.updatedAt) }) : t('sso.neverSaved')}</Typography>
        </Box>
      </form>
      <TestConnection />
    </>
  );
}

/** The address the provider sends him back to: read-only, to be registered there, with a button that copies it. */
function RedirectUri({ uri }: { uri: string }) {
  const field = useRef<HTMLInputElement | HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<'yes' | 'by hand' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(uri);
      setCopied('yes');
    } catch {
      // No clipboard here (an address without https, a browser that refuses): the address is selected for him to copy.
      field.current?.select();
      setCopied('by hand');
    }
  };
  return (
    <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
      <TextField label={t('sso.redirectUri')} value={uri} inputRef={field} multiline slotProps={{ htmlInput: { readOnly: true } }}
        helperText={copied === 'yes' ? t('sso.copied') : copied === 'by hand' ? t('sso.copyByHand') : t('sso.redirectUriHelp')} />
      <Button variant="outlined" onClick={() => void copy()} aria-label={t('sso.copyLabel')} sx={{ mt: 1, flexShrink: 0 }}>
        {t('sso.copy')}
      </Button>
    </Box>
  );
}

/**
 * One of the organisation's active admins; the one saved stays named even when he is no longer one. Until one is saved
 * the choice may be left open: turning single sign-on on then makes the admin saving it the break-glass admin.
 */
function BreakGlass({ value, chosen, onChange, error }: { value: string; chosen: boolean; onChange: (id: string) => void; error: unknown }) {
  const admins = useQuery(adminsQuery());
  const listed = admins.data ?? [];
  const unknown = value !== '' && admins.isSuccess && !listed.some((admin) => admin.id === value);
  return (
    <>
      <TextField select label={t('sso.breakGlassAdmin')} value={value} onChange={(e) => onChange(e.target.value)} slotProps={select} disabled={admins.isPending}
        {...fieldProps(error, 'breakGlassAdminId', t('sso.breakGlassHelp'))}>
        {!chosen && <option value="">{t('sso.noBreakGlass')}</option>}
        {value !== '' && !admins.isSuccess && <option value={value}>{t('app.loading')}</option>}
        {unknown && <option value={value}>{t('sso.notAnAdmin')}</option>}
        {listed.map((admin) => <option key={admin.id} value={admin.id}>{fullName(admin) + ' (' + admin.email + ')'}</option>)}
      </TextField>
      <ProblemAlert error={admins.error} />
    </>
  );
}

/** What the mappings on screen would change at each man's next sign-in through the provider. */
function PreviewList({ men }: { men: PreviewMan[] }) {
  const titleId = useId();
  const changed = men.filter(changes).length;
  const roles = (list: Role[]) => list.map((role) => t('roles.' + role)).join(', ');
  return (
    <Box component="section" aria-labelledby={titleId} sx={{ mt: 2 }}>
      <Typography id={titleId} variant="h3" component="h3">{t('sso.previewTitle')}</Typography>
      {men.length === 0 ? (
        <Typography variant="body2" sx={{ my: 1 }}>{t('sso.previewNone')}</Typography>
      ) : (
        <>
          <Typography variant="body2" sx={{ my: 1 }}>{t('sso.previewSummary', { changed, total: men.length })}</Typography>
          <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 1 }}>
            {changedFirst(men).map((man) => (
              <Box component="li" key={man.personId} aria-label={man.name} sx={{ p: 1.5, borderRadius: 2, border: 1, borderColor: 'divider' }}>
                <Typography sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>{man.name}</Typography>
                <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>{man.email}</Typography>
                <Typography variant="body2">{t('sso.groups', { groups: man.groups.length ? man.groups.join(', ') : t('sso.noGroups') })}</Typography>
                {man.gains.length > 0 && <Typography variant="body2" sx={{ color: 'success.main', fontWeight: 600 }}>{t('sso.gains', { roles: roles(man.gains) })}</Typography>}
                {man.loses.length > 0 && <Typography variant="body2" sx={{ color: 'error.main', fontWeight: 600 }}>{t('sso.loses', { roles: roles(man.loses) })}</Typography>}
                {!changes(man) && <Typography variant="body2">{t('sso.noChange')}</Typography>}
              </Box>
            ))}
          </Box>
        </>
      )}
    </Box>
  );
}

/** Asks the server to read the saved issuer's discovery document: what it found, or why it cannot be used. */
function TestConnection() {
  const test = useTestProvider();
  const unusable = test.error instanceof ApiError && test.error.code === 'SSO_PROVIDER_UNUSABLE' ? test.error : null;
  return (
    <Section title={t('sso.test')}>
      <Typography variant="body2">{t('sso.testHelp')}</Typography>
      <Button variant="outlined" onClick={() => test.mutate()} disabled={test.isPending} sx={{ mt: 1 }}>{t('sso.testButton')}</Button>
      {test.data && (
        <Alert severity="success" role="status" sx={{ mt: 1, overflowWrap: 'anywhere' }}>
          {t('sso.testOk', { issuer: test.data.issuer, endpoint: test.data.authorizationEndpoint })}
        </Alert>
      )}
      {unusable ? (
        <Alert severity="error" role="alert" sx={{ mt: 1, overflowWrap: 'anywhere' }}>
          {unusable.problem.detail ? t('sso.unusable', { detail: unusable.problem.detail }) : t('sso.unusableNoDetail')}
        </Alert>
      ) : (
        <ProblemAlert error={test.error} />
      )}
    </Section>
  );
}
