import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { t } from '../../../i18n/t';
import { day, money } from '../../../ui/format';
import { Loaded, Page, Section } from '../../../ui/Page';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { candidatesQuery, fundQuery, useGive, useGrant } from '../api/fund';
import { myPaymentsQuery, paymentsQuery, refundQuoteQuery, useReceipt, useRefund } from '../api/payments';
import { stripeQuery, useStartOnboarding } from '../api/stripe';
import type { Payment } from '../api/types';

/** His payments and receipts: what, how much, when, and what became of it. */
export function MyPayments() {
  const payments = useQuery(myPaymentsQuery());
  const receipt = useReceipt({ onSuccess: (found) => window.location.assign(found.url) });
  return (
    <Page title={t('menu.payments')}>
      <ProblemAlert error={receipt.error} />
      <GiveToTheFund />
      <Loaded query={payments}>
        {(page) =>
          page.items.length === 0 ? (
            <Typography>{t('pay.none')}</Typography>
          ) : (
            <List>
              {page.items.map((p) => (
                <ListItem key={p.id} divider secondaryAction={p.checkoutUrl ? <Button href={p.checkoutUrl}>{t('pay.payNow')}</Button>
                  : p.kind !== 'OFFLINE' && (p.status === 'PAID' || p.status === 'REFUNDED') ? <Button onClick={() => receipt.mutate(p.id)}>{t('pay.receipt')}</Button> : undefined}>
                  <ListItemText
                    primary={`${p.description} · ${money(p.amountCents, p.currency)}`}
                    secondary={[t('pay.status.' + p.status), day(p.paidAt ?? p.createdAt),
                      p.instalments > 1 ? t('pay.plan', { paid: p.instalmentsPaid, of: p.instalments }) : '',
                      p.planStatus && p.planStatus !== 'ACTIVE' ? t('pay.planStatus.' + p.planStatus) : '',
                      p.nextInstalmentAt && p.planStatus !== 'COMPLETED' && p.planStatus !== 'LAPSED' ? t('pay.next', { when: day(p.nextInstalmentAt) }) : '',
                      p.refundedCents > 0 ? t('pay.refunded', { amount: money(p.refundedCents, p.currency) }) : '', p.refundReason ?? '']
                      .filter(Boolean).join(' · ')}
                  />
                </ListItem>
              ))}
            </List>
          )
        }
      </Loaded>
    </Page>
  );
}

/** A gift to the organisation's scholarship fund, through Stripe Checkout. */
function GiveToTheFund() {
  const [amount, setAmount] = useState('20.00');
  const give = useGive({ onSuccess: (gift) => window.location.assign(gift.checkoutUrl) });
  return (
    <Section title={t('fund.give')}>
      <Typography variant="body2">{t('fund.why')}</Typography>
      <TextField label={t('pay.amount', { currency: 'GBP' })} value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" {...fieldProps(give.error, 'amountCents')} />
      <Button variant="outlined" sx={{ mt: 1 }} disabled={give.isPending || give.isSuccess} onClick={() => give.mutate({ amountCents: Math.round(Number(amount) * 100), currency: 'GBP' })}>{t('fund.giveButton')}</Button>
      <ProblemAlert error={give.error} />
    </Section>
  );
}

/** The fund's balance and movements, and grants from it towards a held seat. */
function FundAdmin() {
  const fund = useQuery(fundQuery());
  const candidates = useQuery(candidatesQuery());
  const [registrationId, setRegistrationId] = useState('');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const grant = useGrant({
    onSuccess: () => {
      setRegistrationId('');
      setAmount('');
    },
  });
  const chosen = candidates.data?.items.find((c) => c.registrationId === registrationId);
  return (
    <Section title={t('fund.title')}>
      <Loaded query={fund}>
        {(data) => (
          <>
            <Typography>{data.balances.length === 0 ? t('fund.empty') : data.balances.map((b) => money(b.balanceCents, b.currency)).join(' · ')}</Typography>
            <List dense aria-label={t('fund.movements')}>
              {data.movements.slice(0, 10).map((m) => (
                <ListItem key={m.id}><ListItemText primary={`${t('fund.' + m.kind)} · ${money(m.amountCents, m.currency)} · ${m.personName ?? ''}`} secondary={[day(m.at), m.note ?? ''].filter(Boolean).join(' · ')} /></ListItem>
              ))}
            </List>
          </>
        )}
      </Loaded>
      {(candidates.data?.items.length ?? 0) > 0 && (
        <>
          <TextField select label={t('fund.to')} value={registrationId} onChange={(e) => { setRegistrationId(e.target.value); const c = candidates.data?.items.find((x) => x.registrationId === e.target.value); if (c) setAmount((c.dueCents / 100).toFixed(2)); }}>
            {candidates.data?.items.map((c) => <MenuItem key={c.registrationId} value={c.registrationId}>{`${c.personName ?? ''} · ${c.eventTitle} · ${money(c.dueCents, c.currency)}`}</MenuItem>)}
          </TextField>
          {chosen && <TextField label={t('pay.amount', { currency: chosen.currency })} value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" {...fieldProps(grant.error, 'amountCents')} />}
          {chosen && <TextField label={t('issues.note')} value={note} onChange={(e) => setNote(e.target.value)} />}
          <Button variant="outlined" sx={{ mt: 1 }} disabled={!chosen || grant.isPending} onClick={() => grant.mutate({ registrationId, amountCents: Math.round(Number(amount) * 100), note: note || null })}>{t('fund.grant')}</Button>
          <ProblemAlert error={grant.error} />
        </>
      )}
    </Section>
  );
}

/** The organisation's Stripe account: connect it, go on with Stripe's onboarding, see where it stands. */
export function AdminPayments() {
  const [params, setParams] = useSearchParams();
  // Back from Stripe's onboarding: asked again until the account is ready.
  const stripe = useQuery({ ...stripeQuery(), refetchInterval: (q) => (params.get('stripe') === 'return' && q.state.data?.status !== 'READY' ? 2000 : false) });
  const onboard = useStartOnboarding({ onSuccess: (onboarding) => window.location.assign(onboarding.url) });
  const refreshed = useRef(false);
  useEffect(() => {
    // Stripe sends him back here when his link ran out: straight on with a fresh one.
    if (params.get('stripe') === 'refresh' && !refreshed.current) {
      refreshed.current = true;
      setParams({}, { replace: true });
      onboard.mutate();
    }
  }, [params, setParams, onboard]);
  return (
    <Page title={t('menu.adminPayments')}>
      <Section title={t('pay.stripe')}>
        <Loaded query={stripe}>
          {(connection) => (
            <>
              <Alert severity={connection.status === 'READY' ? 'success' : connection.status === 'RESTRICTED' ? 'error' : 'info'} sx={{ mb: 2 }}>
                {t('pay.connection.' + connection.status)}
                {connection.restrictedReason ? ': ' + connection.restrictedReason : ''}
                {connection.accountId && <Typography variant="body2">{t('pay.account', { id: connection.accountId })}</Typography>}
              </Alert>
              {params.get('stripe') === 'return' && connection.status !== 'READY' && <Alert severity="info" sx={{ mb: 2 }}>{t('pay.returned')}</Alert>}
              {connection.status === 'NOT_CONNECTED' && <Typography sx={{ mb: 2 }}>{t('pay.connectHelp')}</Typography>}
              {connection.status !== 'READY' && (
                <Button variant="contained" disabled={onboard.isPending || onboard.isSuccess} onClick={() => onboard.mutate()}>
                  {connection.status === 'NOT_CONNECTED' ? t('pay.connect') : t('pay.continue')}
                </Button>
              )}
              <ProblemAlert error={onboard.error} />
            </>
          )}
        </Loaded>
      </Section>
      <OrganisationPayments />
      <FundAdmin />
    </Page>
  );
}

/** Every payment of the organisation, newest first, each refundable by an admin. */
function OrganisationPayments() {
  const payments = useQuery(paymentsQuery());
  const [refunding, setRefunding] = useState<Payment | null>(null);
  return (
    <Section title={t('pay.payments')}>
      <Loaded query={payments}>
        {(page) =>
          page.items.length === 0 ? (
            <Typography>{t('pay.none')}</Typography>
          ) : (
            <List aria-label={t('pay.payments')}>
              {page.items.map((p) => (
                <ListItem key={p.id} divider secondaryAction={(p.status === 'PAID' && p.refundedCents < p.amountCents) ? <Button onClick={() => setRefunding(p)}>{t('pay.refund')}</Button> : undefined}>
                  <ListItemText
                    primary={`${p.personName ?? ''} · ${p.description}`}
                    secondary={[money(p.amountCents, p.currency), t('pay.status.' + p.status), day(p.paidAt ?? p.createdAt),
                      p.instalments > 1 ? t('pay.plan', { paid: p.instalmentsPaid, of: p.instalments }) + (p.planStatus ? ' (' + t('pay.planStatus.' + p.planStatus) + ')' : '') : '',
                      p.refundedCents > 0 ? t('pay.refunded', { amount: money(p.refundedCents, p.currency) }) : '', t('pay.fee', { amount: money(p.applicationFeeCents, p.currency) })]
                      .filter(Boolean).join(' · ')}
                  />
                </ListItem>
              ))}
            </List>
          )
        }
      </Loaded>
      {refunding && <RefundDialog payment={refunding} onClose={() => setRefunding(null)} />}
    </Section>
  );
}

function RefundDialog({ payment, onClose }: { payment: Payment; onClose: () => void }) {
  const quote = useQuery(refundQuoteQuery(payment.id));
  const [typed, setAmount] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [releaseSeat, setReleaseSeat] = useState(true);
  // What the policy gives, until the admin types his own amount.
  const amount = typed ?? (quote.data ? ((quote.data.policyCents > 0 ? quote.data.policyCents : quote.data.refundableCents) / 100).toFixed(2) : '');
  const refund = useRefund(payment.id, { onSuccess: onClose });
  return (
    <Dialog open onClose={onClose} aria-labelledby="refund-title">
      <DialogTitle id="refund-title">{t('pay.refundTitle', { what: payment.description })}</DialogTitle>
      <DialogContent>
        {quote.data && <Typography variant="body2" sx={{ mb: 1 }}>{quote.data.policy} · {t('pay.refundable', { amount: money(quote.data.refundableCents, quote.data.currency) })}</Typography>}
        <TextField label={t('pay.amount', { currency: payment.currency })} value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" {...fieldProps(refund.error, 'amountCents')} />
        <TextField label={t('pay.reason')} value={reason} onChange={(e) => setReason(e.target.value)} required {...fieldProps(refund.error, 'reason')} />
        {payment.registrationId && <FormControlLabel control={<Checkbox checked={releaseSeat} onChange={(e) => setReleaseSeat(e.target.checked)} />} label={t('pay.releaseSeat')} />}
        <ProblemAlert error={refund.error} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('pay.keep')}</Button>
        <Button variant="contained" disabled={refund.isPending || reason.trim() === ''} onClick={() => refund.mutate({ amountCents: Math.round(Number(amount) * 100), reason, releaseSeat })}>{t('pay.refund')}</Button>
      </DialogActions>
    </Dialog>
  );
}
