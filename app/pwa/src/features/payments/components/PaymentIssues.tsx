import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { t } from '../../../i18n/t';
import { day, money } from '../../../ui/format';
import { Loaded, Page } from '../../../ui/Page';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { interventionsQuery, useActOn } from '../api/interventions';
import type { Intervention as Item } from '../api/types';

type Action = Item['actions'][number];

/** Payments that need a person (admins and support): each with what can be done about it. */
export default function PaymentIssues() {
  const queue = useQuery(interventionsQuery());
  const [acting, setActing] = useState<{ item: Item; action: Action } | null>(null);
  return (
    <Page title={t('issues.title')}>
      <Loaded query={queue}>
        {(data) =>
          data.items.length === 0 ? <Typography>{t('issues.none')}</Typography> : (
            <List aria-label={t('issues.title')}>
              {data.items.map((item) => (
                <ListItem key={item.kind + item.subjectId} divider sx={{ display: 'block' }}>
                  <ListItemText primary={`${item.personName ?? ''} · ${t('issues.kind.' + item.kind)}`}
                    secondary={[item.description, money(item.amountCents, item.currency), item.state, t('issues.since', { when: day(item.since) })].join(' · ')} />
                  <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
                    {item.actions.map((action) => <Button key={action} size="small" onClick={() => setActing({ item, action })}>{t('issues.action.' + action)}</Button>)}
                  </Stack>
                </ListItem>
              ))}
            </List>
          )
        }
      </Loaded>
      {acting && <ActDialog item={acting.item} action={acting.action} onClose={() => setActing(null)} />}
    </Page>
  );
}

function ActDialog({ item, action, onClose }: { item: Item; action: Action; onClose: () => void }) {
  const [amount, setAmount] = useState((item.amountCents / 100).toFixed(2));
  const [method, setMethod] = useState<'CASH' | 'BANK_TRANSFER'>('CASH');
  const [note, setNote] = useState('');
  const act = useActOn(item, { onSuccess: onClose });
  return (
    <Dialog open onClose={onClose} aria-labelledby="act-title">
      <DialogTitle id="act-title">{t('issues.action.' + action)}: {item.personName}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 1 }}>{t('issues.explain.' + action)}</Typography>
        {action === 'OFFLINE' && (
          <>
            <TextField label={t('pay.amount', { currency: item.currency })} value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" {...fieldProps(act.error, 'amountCents')} />
            <TextField select label={t('issues.method')} value={method} onChange={(e) => setMethod(e.target.value as 'CASH' | 'BANK_TRANSFER')}>
              <MenuItem value="CASH">{t('issues.CASH')}</MenuItem>
              <MenuItem value="BANK_TRANSFER">{t('issues.BANK_TRANSFER')}</MenuItem>
            </TextField>
          </>
        )}
        <TextField label={t('issues.note')} value={note} onChange={(e) => setNote(e.target.value)} multiline minRows={2} {...fieldProps(act.error, 'note')} />
        <ProblemAlert error={act.error} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('issues.back')}</Button>
        <Button variant="contained" disabled={act.isPending} onClick={() => act.mutate({ action, note: note || null, ...(action === 'OFFLINE' ? { amountCents: Math.round(Number(amount) * 100), method } : {}) })}>{t('issues.action.' + action)}</Button>
      </DialogActions>
    </Dialog>
  );
}
