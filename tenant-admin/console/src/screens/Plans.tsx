import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { plansQuery, useSavePlan } from '../api/billing';
import { fill, m } from '../messages';
import { fieldError, problem } from '../ui/problem';

/** The plans and the platform's fee on each: a change applies to every organisation on the plan. */
export function Plans() {
  const plans = useQuery(plansQuery());
  const [form, setForm] = useState({ code: '', name: '', feePercent: '', feeFixedCents: '0' });
  const save = useSavePlan();
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ code: form.code, name: form.name, feePercent: Number(form.feePercent), feeFixedCents: Number(form.feeFixedCents) });
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
