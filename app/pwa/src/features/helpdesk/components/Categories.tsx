import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { Loaded, Page } from '../../../ui/Page';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { categoriesQuery, useArchiveCategory, useCreateCategory, useUpdateCategory } from '../api/helpdesk';
import type { Category, CategoryRequest } from '../api/types';
import { duration, minutesOf } from '../helpdesk';
import { Mark } from './TicketList';

/** /helpdesk/categories: the admins' list of what a man may ask about, each with its service levels; add, change, archive. */
export default function Categories() {
  const { can } = useAuth();
  const categories = useQuery({ ...categoriesQuery(), enabled: can('organisation.manage') });
  return (
    <Page title={t('helpdesk.categories.title')}>
      <Button component={Link} to="/helpdesk" sx={{ ml: -1 }}>{'← ' + t('helpdesk.queue.title')}</Button>
      {!can('organisation.manage') ? (
        <Alert severity="info">{t('helpdesk.categories.adminsOnly')}</Alert>
      ) : (
        <Loaded query={categories}>
          {(data) => (
            <>
              {data.items.length === 0 ? (
                <Typography sx={{ my: 1 }}>{t('helpdesk.categories.none')}</Typography>
              ) : (
                <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
                  {data.items.map((category) => <li key={category.id}><CategoryCard category={category} /></li>)}
                </Box>
              )}
              <NewCategory />
            </>
          )}
        </Loaded>
      )}
    </Page>
  );
}

function CategoryCard({ category }: { category: Category }) {
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const update = useUpdateCategory(category.id, { onSuccess: () => setEditing(false) });
  return (
    <Box component="article" aria-labelledby={titleId} sx={{ p: 2, borderRadius: 2, border: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      <Typography id={titleId} variant="h3" component="h2" sx={{ overflowWrap: 'anywhere' }}>{category.name}</Typography>
      {category.care && <Box sx={{ my: 0.5 }}><Mark color="primary">{t('helpdesk.categories.careTag')}</Mark></Box>}
      <Typography variant="body2">{t('helpdesk.categories.firstWithin', { time: duration(category.firstResponseMinutes) })}</Typography>
      <Typography variant="body2">{t('helpdesk.categories.solvedWithin', { time: duration(category.resolutionMinutes) })}</Typography>
      {editing ? (
        <CategoryForm
          category={category} label={t('helpdesk.categories.editTitle', { name: category.name })} pending={update.isPending} error={update.error}
          onSave={(request) => update.mutate(request)} onCancel={() => setEditing(false)}
        />
      ) : (
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 1 }}>
          <Button variant="outlined" onClick={() => setEditing(true)} aria-label={t('helpdesk.categories.editTitle', { name: category.name })}>{t('helpdesk.categories.edit')}</Button>
          <Button color="error" onClick={() => setArchiving(true)} aria-label={t('helpdesk.categories.archiveLabel', { name: category.name })}>{t('helpdesk.categories.archive')}</Button>
        </Box>
      )}
      {archiving && <Archive category={category} onClose={() => setArchiving(false)} />}
    </Box>
  );
}

function Archive({ category, onClose }: { category: Category; onClose: () => void }) {
  const titleId = useId();
  const archive = useArchiveCategory({ onSuccess: onClose });
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{t('helpdesk.categories.archiveTitle', { name: category.name })}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t('helpdesk.categories.archiveBody')}</DialogContentText>
        <ProblemAlert error={archive.error} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('helpdesk.cancel')}</Button>
        <Button color="error" variant="contained" disabled={archive.isPending} onClick={() => archive.mutate(category.id)}>{t('helpdesk.categories.archive')}</Button>
      </DialogActions>
    </Dialog>
  );
}

function NewCategory() {
  // A new form (its fields empty) after each category added.
  const [round, setRound] = useState(0);
  const [added, setAdded] = useState('');
  const create = useCreateCategory({
    onSuccess: (category) => {
      setAdded(t('helpdesk.categories.added', { name: category.name }));
      setRound((r) => r + 1);
    },
  });
  return (
    <Box component="section" aria-labelledby="new-category" sx={{ mt: 3 }}>
      <Typography id="new-category" variant="h2" component="h2">{t('helpdesk.categories.add')}</Typography>
      <CategoryForm
        key={round} label={t('helpdesk.categories.add')} pending={create.isPending} error={create.error}
        onSave={(request) => {
          setAdded('');
          create.mutate(request);
        }}
      />
      <Typography role="status" variant="body2" sx={{ color: 'success.main', fontWeight: 500 }}>{added}</Typography>
    </Box>
  );
}

function CategoryForm({ category, label, pending, error, onSave, onCancel }: {
  category?: Category; label: string; pending: boolean; error: unknown; onSave: (request: CategoryRequest) => void; onCancel?: () => void;
}) {
  const [name, setName] = useState(category?.name ?? '');
  const [care, setCare] = useState(category?.care ?? false);
  const [first, setFirst] = useState(category?.firstResponseMinutes?.toString() ?? '');
  const [resolution, setResolution] = useState(category?.resolutionMinutes?.toString() ?? '');
  const [tried, setTried] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (name.trim() === '' || pending) {
      return;
    }
    onSave({ name: name.trim(), care, firstResponseMinutes: minutesOf(first), resolutionMinutes: minutesOf(resolution) });
  };
  const minutes = { htmlInput: { min: 1, max: 525_600, inputMode: 'numeric' } } as const;
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <TextField
        label={t('helpdesk.categories.name')} value={name} onChange={(e) => setName(e.target.value)} required slotProps={{ htmlInput: { maxLength: 100 } }}
        {...(tried && name.trim() === '' ? { error: true, helperText: t('helpdesk.form.required') } : fieldProps(error, 'name'))}
      />
      <FormControlLabel sx={{ display: 'flex', mr: 0 }} control={<Checkbox checked={care} onChange={(e) => setCare(e.target.checked)} />} label={t('helpdesk.categories.care')} />
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(12rem, 1fr))', columnGap: 1 }}>
        <TextField type="number" label={t('helpdesk.categories.first')} value={first} onChange={(e) => setFirst(e.target.value)} slotProps={minutes}
          {...fieldProps(error, 'firstResponseMinutes', t('helpdesk.categories.minutesHelp'))} />
        <TextField type="number" label={t('helpdesk.categories.resolution')} value={resolution} onChange={(e) => setResolution(e.target.value)} slotProps={minutes}
          {...fieldProps(error, 'resolutionMinutes', t('helpdesk.categories.minutesHelp'))} />
      </Box>
      <ProblemAlert error={error} />
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', gap: 1, mt: 1 }}>
        {onCancel && <Button onClick={onCancel}>{t('helpdesk.cancel')}</Button>}
        <Button type="submit" variant="contained" disabled={pending}>{category ? t('helpdesk.categories.save') : t('helpdesk.categories.addButton')}</Button>
      </Box>
    </form>
  );
}
