import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { t } from '../../../i18n/t';
import { Loaded, Page } from '../../../ui/Page';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { useCrisisLines, useSaveCrisisLines } from '../api/crisisLines';
import type { CrisisLine, CrisisLines } from '../api/types';

/** A line as the form holds it: every field a string (empty: absent), and a key that survives reordering. */
interface Draft {
  key: number;
  name: string;
  phone: string;
  sms: string;
  url: string;
  hours: string;
}

/** "United Kingdom" for GB, where the browser knows it; else the code. */
function countryName(code: string | null | undefined): string {
  if (!code) {
    return '—';
  }
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

let next = 0;
const draftOf = (line?: CrisisLine): Draft => ({
  key: next++,
  name: line?.name ?? '',
  phone: line?.phone ?? '',
  sms: line?.sms ?? '',
  url: line?.url ?? '',
  hours: line?.hours ?? '',
});

const orAbsent = (value: string) => (value.trim() ? value.trim() : null);
const lineOf = (draft: Draft): CrisisLine => ({
  name: draft.name.trim(), phone: orAbsent(draft.phone), sms: orAbsent(draft.sms), url: orAbsent(draft.url), hours: orAbsent(draft.hours),
});

/**
 * Admins keep the crisis lines men see when they reach out: Hearth's default for the organisation's country until they
 * save their own, in the order they set. Going back to the default is one button.
 */
export default function CrisisLinesEditor() {
  const lines = useCrisisLines();
  // Kept here, not in the form: a saved list is a new answer, which starts the form again from it.
  const [done, setDone] = useState('');
  const save = useSaveCrisisLines();
  const send = (wanted: CrisisLine[], said: string) => {
    setDone('');
    save.mutate(wanted, { onSuccess: () => setDone(said) });
  };
  return (
    <Page title={t('safety.editor.title')}>
      <Button component={Link} to="/admin/settings" sx={{ ml: -1 }}>{'← ' + t('admin.settings')}</Button>
      <Typography variant="body2" sx={{ mb: 2 }}>{t('safety.editor.help')}</Typography>
      <Loaded query={lines}>{(data) => <Editor key={JSON.stringify(data.lines) + String(data.custom)} current={data} send={send} error={save.error} pending={save.isPending} />}</Loaded>
      <Typography role="status" sx={{ color: 'success.main', fontWeight: 500, mt: 1 }}>{done}</Typography>
    </Page>
  );
}

function Editor({ current, send, error, pending }: { current: CrisisLines; send: (lines: CrisisLine[], said: string) => void; error: Error | null; pending: boolean }) {
  const [drafts, setDrafts] = useState<Draft[]>(() => current.lines.map(draftOf));
  const change = (key: number, field: keyof Omit<Draft, 'key'>, value: string) =>
    setDrafts((all) => all.map((draft) => (draft.key === key ? { ...draft, [field]: value } : draft)));
  const move = (index: number, by: number) =>
    setDrafts((all) => {
      const moved = [...all];
      const [line] = moved.splice(index, 1);
      moved.splice(index + by, 0, line);
      return moved;
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send(drafts.map(lineOf), t('safety.editor.saved'));
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('safety.editor.title')}>
      {current.custom ? (
        <Alert severity="success" sx={{ mb: 2 }}>{t('safety.editor.custom')}</Alert>
      ) : (
        <Alert severity="warning" sx={{ mb: 2 }}>{t('safety.editor.default', { country: countryName(current.country) })} {current.note}</Alert>
      )}
      {drafts.map((draft, index) => {
        const field = (name: keyof Omit<Draft, 'key'>, label: string, help?: string) => (
          <TextField label={label} value={draft[name]} onChange={(e) => change(draft.key, name, e.target.value)}
            {...fieldProps(error, `lines[${index}]${name === 'name' || name === 'url' ? '.' + name : ''}`, help)}
            {...(name === 'phone' || name === 'sms' ? { inputMode: 'tel' as const } : {})} />
        );
        return (
          <Paper key={draft.key} variant="outlined" component="fieldset" aria-label={t('safety.editor.line', { n: index + 1 })} sx={{ p: 2, mb: 2, border: 1, borderColor: 'divider' }}>
            <Typography component="legend" sx={{ fontWeight: 700, px: 0.5 }}>{draft.name.trim() || t('safety.editor.line', { n: index + 1 })}</Typography>
            {field('name', t('safety.editor.name'))}
            {field('phone', t('safety.editor.phone'), t('safety.editor.phoneHelp'))}
            {field('sms', t('safety.editor.sms'), t('safety.editor.smsHelp'))}
            <TextField label={t('safety.editor.url')} value={draft.url} onChange={(e) => change(draft.key, 'url', e.target.value)} inputMode="url"
              {...fieldProps(error, `lines[${index}].url`, t('safety.editor.urlHelp'))} />
            {field('hours', t('safety.editor.hours'), t('safety.editor.hoursHelp'))}
            <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1 }}>
              <Button size="small" disabled={index === 0} onClick={() => move(index, -1)}>{t('safety.editor.up')}</Button>
              <Button size="small" disabled={index === drafts.length - 1} onClick={() => move(index, 1)}>{t('safety.editor.down')}</Button>
              <Button size="small" color="error" onClick={() => setDrafts((all) => all.filter((other) => other.key !== draft.key))}>{t('safety.editor.remove')}</Button>
            </Box>
          </Paper>
        );
      })}
      <Button onClick={() => setDrafts((all) => [...all, draftOf()])} disabled={drafts.length >= 30}>{t('safety.editor.add')}</Button>
      <ProblemAlert error={error} />
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 2 }}>
        <Button type="submit" variant="contained" disabled={pending || drafts.length === 0}>{t('safety.editor.save')}</Button>
        {current.custom && (
          <Button variant="outlined" disabled={pending} onClick={() => send([], t('safety.editor.restored'))}>{t('safety.editor.restore')}</Button>
        )}
      </Box>
    </form>
  );
}
