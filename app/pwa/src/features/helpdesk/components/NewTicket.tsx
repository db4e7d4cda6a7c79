import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../../api/problem';
import { t } from '../../../i18n/t';
import { Loaded, Page } from '../../../ui/Page';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { categoriesQuery, useOpenTicket } from '../api/helpdesk';
import type { Category } from '../api/types';

const MAX_SUBJECT = 200;
const MAX_BODY = 16_384;

/** /tickets/new: he picks what it is about, gives it a subject and writes; the request opens once sent. */
export default function NewTicket() {
  const categories = useQuery(categoriesQuery());
  return (
    <Page title={t('helpdesk.form.title')}>
      <Button component={Link} to="/tickets" sx={{ ml: -1 }}>{'← ' + t('helpdesk.mine')}</Button>
      <Loaded query={categories}>
        {(data) => (data.items.length === 0 ? <Alert severity="info">{t('helpdesk.form.noCategories')}</Alert> : <TicketForm categories={data.items} />)}
      </Loaded>
    </Page>
  );
}

function TicketForm({ categories }: { categories: Category[] }) {
  const navigate = useNavigate();
  // Made when the form opens: a second submit, or one again after a network error, answers the request opened first.
  const [key] = useState(() => crypto.randomUUID());
  const [categoryId, setCategoryId] = useState(categories.length === 1 ? categories[0].id : '');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [tried, setTried] = useState(false);
  const legendId = useId();
  const errorId = useId();
  const open = useOpenTicket({ onSuccess: (ticket) => navigate('/tickets/' + ticket.id, { replace: true }) });
  const missing = { categoryId: !categories.some((c) => c.id === categoryId), subject: subject.trim() === '', body: body.trim() === '' };

  const categoryError = missing.categoryId && tried ? t('helpdesk.form.required') : open.error instanceof ApiError ? open.error.fieldError('categoryId') : undefined;
  const required = (blank: boolean, field: string, help?: string) => (blank && tried ? { error: true, helperText: t('helpdesk.form.required') } : fieldProps(open.error, field, help));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (missing.categoryId || missing.subject || missing.body || open.isPending) {
      return;
    }
    open.mutate({ key, request: { categoryId, subject: subject.trim(), body: body.trim() } });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('helpdesk.form.title')}>
      <FormControl component="fieldset" required error={Boolean(categoryError)} sx={{ display: 'block', mt: 1 }}>
        <FormLabel component="legend" id={legendId}>{t('helpdesk.form.category')}</FormLabel>
        <RadioGroup aria-labelledby={legendId} aria-describedby={categoryError ? errorId : undefined} value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
          {categories.map((c) => (
            <FormControlLabel
              key={c.id} value={c.id} control={<Radio />} sx={{ alignItems: 'flex-start', mr: 0 }}
              label={
                <Box component="span" sx={{ display: 'block', pt: 1.25 }}>
                  {c.name}
                  {c.care && <Box component="span" sx={{ display: 'block', fontSize: '0.875rem', color: 'text.secondary' }}>{t('helpdesk.form.careNote')}</Box>}
                </Box>
              }
            />
          ))}
        </RadioGroup>
        {categoryError && <FormHelperText id={errorId} sx={{ mx: 0 }}>{categoryError}</FormHelperText>}
      </FormControl>
      <TextField
        label={t('helpdesk.form.subject')} value={subject} onChange={(e) => setSubject(e.target.value)} required
        slotProps={{ htmlInput: { maxLength: MAX_SUBJECT } }} {...required(missing.subject, 'subject')}
      />
      <TextField
        label={t('helpdesk.form.body')} value={body} onChange={(e) => setBody(e.target.value)} required multiline minRows={5}
        slotProps={{ htmlInput: { maxLength: MAX_BODY } }} {...required(missing.body, 'body')}
      />
      <ProblemAlert error={open.error} />
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', mt: 1 }}>
        <Button type="submit" variant="contained" disabled={open.isPending}>{t('helpdesk.form.send')}</Button>
      </Box>
    </form>
  );
}
