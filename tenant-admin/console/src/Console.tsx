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
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, must, setToken } from './api';
import type { components, paths } from './schema';
import { fill, m } from './messages';

type Tenant = components['schemas']['Tenant'];
const STATUSES = ['PROVISIONING', 'ACTIVE', 'SUSPENDED', 'FAILED'] as const;
const colour = { PROVISIONING: 'info', ACTIVE: 'success', SUSPENDED: 'warning', FAILED: 'error' } as const;

/** How long "in {wait}" is, in the console's words. */
const waitFor = (seconds: number) => {
  if (seconds < 60) {
    return seconds === 1 ? m.waits.second : fill(m.waits.seconds, { n: seconds });
  }
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) {
    return minutes === 1 ? m.waits.minute : fill(m.waits.minutes, { n: minutes });
  }
  return fill(m.waits.hours, { h: Math.floor(minutes / 60), min: minutes % 60 });
};
/** When a throttled request may be tried again (429 with Retry-After), while that time is still ahead. */
const retryText = (error: unknown) => {
  if (!(error instanceof ApiError) || error.problem.retryAfter === undefined || !error.problem.retryAt || error.problem.retryAt <= Date.now()) {
    return null;
  }
  const seconds = error.problem.retryAfter;
  const time = new Date(error.problem.retryAt).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
  return seconds < 60 ? fill(m.tryAgainIn, { wait: waitFor(seconds) }) : fill(m.tryAgainAt, { wait: waitFor(seconds), time });
};
const problem = (error: unknown) => {
  if (!error) {
    return null;
  }
  const retry = retryText(error);
  return (
    <Alert severity="error" role="alert" sx={{ my: 1 }}>
      {error instanceof Error ? error.message : String(error)}
      {retry && <Box component="span" sx={{ display: 'block' }}>{retry}</Box>}
    </Alert>
  );
};
const fieldError = (error: unknown, field: string) => {
  const message = error instanceof ApiError ? error.field(field) : undefined;
  return { error: Boolean(message), helperText: message };
};

/** Whether the error asks to wait (Retry-After) and that time has not come yet; turns false by itself when it comes. */
function useWaiting(error: unknown) {
  const retryAt = error instanceof ApiError ? error.problem.retryAt : undefined;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (retryAt === undefined) {
      return;
    }
    const timer = setTimeout(() => setNow(Date.now()), Math.min(Math.max(0, retryAt - Date.now()) + 100, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [retryAt]);
  return retryAt !== undefined && retryAt > now;
}

export function Console() {
  const [signedIn, setSignedIn] = useState(false);
  return signedIn ? <Organisations onSignOut={() => { setToken(null); setSignedIn(false); }} /> : <SignIn onDone={() => setSignedIn(true)} />;
}

type LoginAnswer = paths['/api/v1/auth/login']['post']['responses'][200]['content']['application/json'];
type Enrolment = NonNullable<LoginAnswer['enrolment']>;
/** The second step under way: the challenge the password opened, until when it holds, and the secret to enrol if he has none. */
type SecondStep = { challenge: string; expiresAt: number; enrolment: Enrolment | null };
/** tenant-admin spends a challenge after this many wrong codes (and when it expires, or when the account is locked). */
const CODES_PER_CHALLENGE = 5;

/** Sign-in: the password, then (unless the local run turned it off) the code from his authenticator, enrolling it the first time. */
function SignIn({ onDone }: { onDone: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [step, setStep] = useState<SecondStep | null>(null);
  const [code, setCode] = useState('');
  const [codeMissing, setCodeMissing] = useState(false);
  const [wrongCodes, setWrongCodes] = useState(0);
  const [expired, setExpired] = useState(false);
  const [restarted, setRestarted] = useState(false);
  const signIn = useMutation({
    mutationFn: async () => {
      const answer = await must(api.POST('/api/v1/auth/login', { body: { email, password } }));
      if (answer.accessToken) {
        return { token: answer.accessToken };
      }
      if (answer.mfaRequired && answer.challenge) {
        return { step: { challenge: answer.challenge, expiresAt: Date.now() + (answer.challengeExpiresIn ?? 300) * 1000, enrolment: answer.enrolment ?? null } };
      }
      throw new Error(m.unexpected);
    },
    onSuccess: (answer) => {
      if (answer.token) {
        setToken(answer.token);
        onDone();
        return;
      }
      setPassword('');
      setCode('');
      setCodeMissing(false);
      setWrongCodes(0);
      setExpired(false);
      verify.reset();
      setStep(answer.step ?? null);
    },
  });
  const verify = useMutation({
    mutationFn: async ({ challenge, code }: { challenge: string; code: string }) => {
      const answer = await must(api.POST('/api/v1/auth/login/mfa', { body: { challenge, code } }));
      if (!answer.accessToken) {
        throw new Error(m.unexpected);
      }
      return answer.accessToken;
    },
    onSuccess: (token) => {
      setToken(token);
      onDone();
    },
    onError: (error) => {
      setCode('');
      if (error instanceof ApiError && error.problem.code === 'MFA_CODE_INVALID') {
        setWrongCodes((n) => n + 1);
      }
    },
  });
  useEffect(() => {
    if (!step) {
      return;
    }
    const timer = setTimeout(() => setExpired(true), Math.max(0, step.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [step]);
  const waiting = useWaiting(signIn.error);
  const locked = verify.error instanceof ApiError && verify.error.problem.status === 429;
  const spent = expired || wrongCodes >= CODES_PER_CHALLENGE || locked;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate();
  };
  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    if (!step || spent) {
      return;
    }
    if (!/^\d{6}$/.test(code)) {
      setCodeMissing(true);
      return;
    }
    verify.mutate({ challenge: step.challenge, code });
  };
  const startOver = () => {
    setStep(null);
    setCode('');
    setPassword('');
    signIn.reset();
    verify.reset();
    setRestarted(true);
  };
  return (
    <Box component="main" sx={{ display: 'flex', justifyContent: 'center', p: 2, pt: 6 }}>
      <Paper component="section" aria-labelledby="title" sx={{ p: 3, width: '100%', maxWidth: step?.enrolment ? 520 : 400 }}>
        <Typography id="title" component="h1" variant="h5" sx={{ mb: 2 }}>{m.title}</Typography>
        {step === null ? (
          <form onSubmit={submit} noValidate>
            <TextField label={m.email} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} {...fieldError(signIn.error, 'email')} />
            <TextField label={m.password} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus={restarted} {...fieldError(signIn.error, 'password')} />
            {problem(signIn.error)}
            <Button type="submit" variant="contained" fullWidth sx={{ mt: 2 }} disabled={signIn.isPending || waiting}>{m.signIn}</Button>
          </form>
        ) : (
          <form onSubmit={submitCode} noValidate aria-labelledby="second-step">
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{fill(m.signingInAs, { email })}</Typography>
            {step.enrolment && <Enrol enrolment={step.enrolment} />}
            <Typography id="second-step" sx={{ mt: 1 }}>{step.enrolment ? m.enrolThen : m.secondStep}</Typography>
            <TextField label={m.authCode} value={code} disabled={spent} autoComplete="one-time-code" autoFocus={!step.enrolment}
              onChange={(e) => { setCode(e.target.value.replace(/\D/g, '').slice(0, 6)); setCodeMissing(false); }}
              slotProps={{ htmlInput: { inputMode: 'numeric', pattern: '[0-9]*', maxLength: 6, sx: { fontFamily: 'monospace', fontSize: '1.25rem', letterSpacing: '0.3em' } } }}
              error={codeMissing || fieldError(verify.error, 'code').error} helperText={codeMissing ? m.codeNeeded : (fieldError(verify.error, 'code').helperText ?? m.codeHint)} />
            {problem(verify.error)}
            {spent && !locked && <Alert severity="warning" role="alert" sx={{ my: 1 }}>{m.challengeSpent}</Alert>}
            <Box sx={{ display: 'flex', gap: 1, mt: 2 }}>
              {!spent && <Button type="submit" variant="contained" sx={{ flex: 1 }} disabled={verify.isPending}>{m.verify}</Button>}
              <Button variant={spent ? 'contained' : 'text'} sx={spent ? { flex: 1 } : undefined} onClick={startOver} disabled={verify.isPending}>{m.startOver}</Button>
            </Box>
          </form>
        )}
      </Paper>
    </Box>
  );
}

/** The new secret for his authenticator: a link that opens the app on a phone, and the key to type or paste. */
function Enrol({ enrolment }: { enrolment: Enrolment }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(enrolment.secret);
      setCopied(true);
    } catch {
      setCopied(false); // no clipboard outside a secure context, or the browser said no
    }
  };
  const groups = enrolment.secret.replace(/\s/g, '').match(/.{1,4}/g) ?? [];
  return (
    <Box component="section" aria-labelledby="enrol-title" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2, my: 1 }}>
      <Typography id="enrol-title" ref={heading} tabIndex={-1} component="h2" variant="h6" sx={{ outline: 'none' }}>{m.enrolTitle}</Typography>
      <Typography variant="body2" sx={{ mt: 1 }}>{m.enrolIntro}</Typography>
      {enrolment.otpauthUri.startsWith('otpauth://') && (
        <Button component="a" href={enrolment.otpauthUri} variant="outlined" fullWidth sx={{ mt: 2 }}>{m.openAuthenticator}</Button>
      )}
      <Typography variant="body2" sx={{ mt: 2 }}>{m.enrolKey}</Typography>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Box component="code" sx={{ flex: '1 1 auto', fontFamily: 'monospace', fontSize: '1.125rem', wordSpacing: '0.4em', bgcolor: 'grey.100', borderRadius: 1, px: 1, py: 0.5, userSelect: 'all', overflowWrap: 'anywhere' }}>
          {groups.join(' ')}
        </Box>
        <Button onClick={() => void copy()}>{m.copyKey}</Button>
      </Box>
      <Box role="status" sx={{ minHeight: '1.5em' }}>
        {copied !== null && <Typography variant="body2" color={copied ? 'success.dark' : 'error'}>{copied ? m.keyCopied : m.copyFailed}</Typography>}
      </Box>
    </Box>
  );
}

type Action = 'suspend' | 'reactivate' | 'retry' | 'resend';

/** What each action on an organisation is called and asks before it runs. */
const ACTIONS: Record<Action, { title: string; question: string }> = {
  suspend: { title: m.suspend, question: m.confirmSuspend },
  reactivate: { title: m.reactivate, question: m.confirmReactivate },
  retry: { title: m.retry, question: m.confirmRetry },
  resend: { title: m.resend, question: m.confirmResend },
};

function Organisations({ onSignOut }: { onSignOut: () => void }) {
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(0);
  const [confirming, setConfirming] = useState<{ tenant: Tenant; action: Action } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const queries = useQueryClient();
  const list = useQuery({
    queryKey: ['tenants', q, status, page],
    queryFn: () => must(api.GET('/api/v1/tenants', { params: { query: { q: q || undefined, status: (status || undefined) as Tenant['status'] | undefined, page, size: 20 } } })),
    // Provisioning takes seconds: while any shown organisation is provisioning, watch it live.
    refetchInterval: (query) => (query.state.data?.items.some((t) => t.status === 'PROVISIONING') ? 1000 : false),
  });
  const stripe = useQuery({ queryKey: ['billing', 'stripe'], queryFn: () => must(api.GET('/api/v1/billing/stripe')) });
  const stripeOf = (id: string) => stripe.data?.organisations.find((o) => o.tenantId === id);
  const change = useMutation({
    mutationFn: ({ tenant, action }: { tenant: Tenant; action: Action }) => {
      const path = { params: { path: { slug: tenant.slug } } };
      switch (action) {
        case 'suspend':
          return must(api.POST('/api/v1/tenants/{slug}/suspend', path));
        case 'reactivate':
          return must(api.POST('/api/v1/tenants/{slug}/reactivate', path));
        case 'retry':
          return must(api.POST('/api/v1/tenants/{slug}/retry-provisioning', path));
        case 'resend':
          return must(api.POST('/api/v1/tenants/{slug}/resend-invitation', path));
      }
    },
    onSuccess: (_, { tenant, action }) => {
      setConfirming(null);
      setNotice(action === 'resend' ? fill(m.resent, { email: tenant.adminEmail }) : null);
      void queries.invalidateQueries({ queryKey: ['tenants'] });
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
        <Create onCreated={() => void queries.invalidateQueries({ queryKey: ['tenants'] })}
          stillProvisioning={(slug) => list.data?.items.some((t) => t.slug === slug && t.status === 'PROVISIONING') ?? true} />
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
                      <TableCell>{new Date(tenant.createdAt).toLocaleString()}</TableCell>
                      <TableCell>
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

const money = (cents: number, currency: string) => new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100);

/** The platform's fees per organisation and month: application fees less what refunds gave back. */
function Revenue({ names }: { names: Record<string, string> }) {
  const revenue = useQuery({ queryKey: ['billing', 'revenue'], queryFn: () => must(api.GET('/api/v1/billing/revenue', { params: { query: { months: 12 } } })) });
  return (
    <Paper component="section" aria-labelledby="revenue-title" sx={{ p: 2, mt: 3 }}>
      <Typography id="revenue-title" component="h2" variant="h6">{m.revenue}</Typography>
      {problem(revenue.error)}
      {revenue.data && (revenue.data.rows.length === 0 ? <Typography>{m.noRevenue}</Typography> : (
        <TableContainer tabIndex={0} role="region" aria-label={m.revenue}>
          <Table size="small" aria-label={m.revenue}>
            <TableHead>
              <TableRow><TableCell>{m.month}</TableCell><TableCell>{m.name}</TableCell><TableCell align="right">{m.fees}</TableCell><TableCell align="right">{m.movements}</TableCell></TableRow>
            </TableHead>
            <TableBody>
              {revenue.data.rows.map((row) => (
                <TableRow key={row.tenantId + row.month + row.currency}>
                  <TableCell>{row.month}</TableCell>
                  <TableCell>{names[row.tenantId] ?? row.tenantId}</TableCell>
                  <TableCell align="right">{money(row.feeCents, row.currency)}</TableCell>
                  <TableCell align="right">{row.movements}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ))}
    </Paper>
  );
}

/** The plans and the platform's fee on each: a change applies to every organisation on the plan. */
function Plans() {
  const queries = useQueryClient();
  const plans = useQuery({ queryKey: ['plans'], queryFn: () => must(api.GET('/api/v1/plans')) });
  const [form, setForm] = useState({ code: '', name: '', feePercent: '', feeFixedCents: '0' });
  const save = useMutation({
    mutationFn: () => must(api.PUT('/api/v1/plans/{code}', { params: { path: { code: form.code } },
      body: { name: form.name, feePercent: Number(form.feePercent), feeFixedCents: Number(form.feeFixedCents) } })),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['plans'] }),
  });
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Paper component="section" aria-labelledby="plans-title" sx={{ p: 2, mt: 3 }}>
      <Typography id="plans-title" component="h2" variant="h6">{m.plans}</Typography>
      {plans.data && (
        <Table size="small" aria-label={m.plans}>
          <TableHead><TableRow><TableCell>{m.code}</TableCell><TableCell>{m.name}</TableCell><TableCell align="right">{m.feePercent}</TableCell><TableCell align="right">{m.feeFixed}</TableCell><TableCell /></TableRow></TableHead>
          <TableBody>
            {plans.data.plans.map((plan) => (
              <TableRow key={plan.code}>
                <TableCell>{plan.code}</TableCell>
                <TableCell>{plan.name}</TableCell>
                <TableCell align="right">{plan.feePercent} %</TableCell>
                <TableCell align="right">{plan.feeFixedCents}</TableCell>
                <TableCell><Button onClick={() => setForm({ code: plan.code, name: plan.name, feePercent: String(plan.feePercent), feeFixedCents: String(plan.feeFixedCents) })}>{m.edit}</Button></TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <form onSubmit={submit} noValidate aria-label={m.savePlan}>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1fr 1fr' }, columnGap: 2 }}>
          <TextField label={m.code} value={form.code} onChange={set('code')} {...fieldError(save.error, 'code')} />
          <TextField label={m.name} value={form.name} onChange={set('name')} {...fieldError(save.error, 'name')} />
          <TextField label={m.feePercent} value={form.feePercent} onChange={set('feePercent')} inputMode="decimal" {...fieldError(save.error, 'feePercent')} />
          <TextField label={m.feeFixed} value={form.feeFixedCents} onChange={set('feeFixedCents')} inputMode="numeric" {...fieldError(save.error, 'feeFixedCents')} />
        </Box>
        {problem(save.error)}
        {save.isSuccess && <Alert severity="success" role="status">{fill(m.planSaved, { code: save.data.code })}</Alert>}
        <Button type="submit" variant="contained" sx={{ mt: 1 }} disabled={save.isPending}>{m.savePlan}</Button>
      </form>
    </Paper>
  );
}

type AuditEntry = paths['/api/v1/operators/audit']['get']['responses'][200]['content']['application/json']['items'][number];
/** What went wrong at the door: shown in the error colour. */
const ALARMING = new Set(['SIGN_IN_FAILED', 'SECOND_FACTOR_FAILED', 'LOCKED_OUT']);
const newestFirst = (a: AuditEntry, b: AuditEntry) => Date.parse(b.at) - Date.parse(a.at);

/** The operators' sign-in audit: who signed in, who failed, who was locked out, from where. */
function Audit() {
  const audit = useQuery({ queryKey: ['operators', 'audit'], queryFn: () => must(api.GET('/api/v1/operators/audit', { params: { query: { limit: 100 } } })) });
  const entries = audit.data ? [...audit.data.items].sort(newestFirst) : [];
  return (
    <Paper component="section" aria-labelledby="audit-title" sx={{ p: 2, mt: 3 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 1 }}>
        <Typography id="audit-title" component="h2" variant="h6">{m.audit}</Typography>
        <Button onClick={() => void audit.refetch()} disabled={audit.isFetching}>{m.refresh}</Button>
      </Box>
      {problem(audit.error)}
      {audit.isPending && <p role="status">{m.loading}</p>}
      {audit.data && (entries.length === 0 ? <Typography>{m.noAudit}</Typography> : (
        <TableContainer tabIndex={0} role="region" aria-label={m.audit} sx={{ maxHeight: 480 }}>
          <Table size="small" stickyHeader aria-label={m.audit}>
            <TableHead>
              <TableRow><TableCell>{m.time}</TableCell><TableCell>{m.email}</TableCell><TableCell>{m.action}</TableCell><TableCell>{m.ip}</TableCell><TableCell>{m.detail}</TableCell></TableRow>
            </TableHead>
            <TableBody>
              {entries.map((entry) => (
                <TableRow key={entry.id} data-action={entry.action}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}><time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time></TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{entry.email}</TableCell>
                  <TableCell sx={ALARMING.has(entry.action) ? { color: 'error.main', fontWeight: 500 } : undefined}>{m.auditActions[entry.action] ?? entry.action}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{entry.ip}</TableCell>
                  <TableCell>{entry.detail}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ))}
    </Paper>
  );
}

function Create({ onCreated, stillProvisioning }: { onCreated: () => void; stillProvisioning: (slug: string) => boolean }) {
  const [form, setForm] = useState({ slug: '', name: '', adminEmail: '', plan: 'standard' });
  const create = useMutation({
    mutationFn: () => must(api.POST('/api/v1/tenants', { body: form })),
    onSuccess: () => {
      setForm({ slug: '', name: '', adminEmail: '', plan: 'standard' });
      onCreated();
    },
  });
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Paper component="section" aria-labelledby="create-title" sx={{ p: 2, mt: 2 }}>
      <Typography id="create-title" component="h2" variant="h6">{m.create}</Typography>
      <form onSubmit={submit} noValidate aria-labelledby="create-title">
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 2 }}>
          <TextField label={m.slug} value={form.slug} onChange={set('slug')} {...fieldError(create.error, 'slug')} />
          <TextField label={m.name} value={form.name} onChange={set('name')} {...fieldError(create.error, 'name')} />
          <TextField label={m.adminEmail} type="email" value={form.adminEmail} onChange={set('adminEmail')} {...fieldError(create.error, 'adminEmail')} />
          <TextField label={m.plan} value={form.plan} onChange={set('plan')} {...fieldError(create.error, 'plan')} />
        </Box>
        {problem(create.error)}
        {create.isSuccess && stillProvisioning(create.data.slug) && <Alert severity="info" role="status">{m.watching}</Alert>}
        <Button type="submit" variant="contained" sx={{ mt: 1 }} disabled={create.isPending}>{m.submit}</Button>
      </form>
    </Paper>
  );
}
