import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { Loaded, Page } from '../../../ui/Page';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { useShareDocument } from '../api/documents';
import type { DocumentAudience, DocumentKind } from '../api/types';
import { fileProblem } from '../documents';
import { FilePicker, fileProblemText, serverFileProblem } from './FilePicker';
import { Sending } from './Sending';

/** A circle or an event he may share with: its id and how the form names it. */
export interface Choice {
  id: string;
  name: string;
}

/** The circles and events he runs, from the features that know them (the route puts them in); undefined while they load. */
interface Audiences {
  circles?: Choice[];
  events?: Choice[];
}

const KINDS: DocumentKind[] = ['DOCUMENT', 'WAIVER', 'GUIDELINE'];

/**
 * /documents/new (?circleId=… or ?eventId=… to start with that audience): share a file with the whole organisation
 * (admins), a circle he runs or an event he runs. The server decides; the form offers only what he may.
 */
export default function NewDocument({ circles, events }: Audiences) {
  const { can } = useAuth();
  const everyone = can('organisation.manage');
  const choices = circles && events ? { circles, events } : undefined;
  return (
    <Page title={t('documents.share')}>
      <Button component={Link} to="/documents" sx={{ ml: -1 }}>{'← ' + t('documents.all')}</Button>
      <Loaded query={{ data: choices, error: null, isPending: !choices }}>
        {(loaded) =>
          everyone || loaded.circles.length > 0 || loaded.events.length > 0 ? (
            <ShareForm everyone={everyone} circles={loaded.circles} events={loaded.events} />
          ) : (
            <Alert severity="info">{t('documents.form.notAllowed')}</Alert>
          )
        }
      </Loaded>
    </Page>
  );
}

function ShareForm({ everyone, circles, events }: { everyone: boolean; circles: Choice[]; events: Choice[] }) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const kindId = useId();
  const audienceId = useId();
  // Made when the form opens: a second submit, or one again after a network error, answers the document shared first.
  const [key] = useState(() => crypto.randomUUID());
  const asked = { circleId: params.get('circleId'), eventId: params.get('eventId') };
  const audiences: DocumentAudience[] = [...(everyone ? ['ORGANISATION' as const] : []), ...(circles.length ? ['CIRCLE' as const] : []), ...(events.length ? ['EVENT' as const] : [])];
  const [kind, setKind] = useState<DocumentKind>('DOCUMENT');
  const [title, setTitle] = useState('');
  const [audience, setAudience] = useState<DocumentAudience>(() =>
    asked.eventId && events.some((e) => e.id === asked.eventId) ? 'EVENT' : asked.circleId && circles.some((c) => c.id === asked.circleId) ? 'CIRCLE' : audiences[0],
  );
  const [circleId, setCircleId] = useState(() => (circles.some((c) => c.id === asked.circleId) ? asked.circleId! : circles[0]?.id ?? ''));
  const [eventId, setEventId] = useState(() => (events.some((e) => e.id === asked.eventId) ? asked.eventId! : events[0]?.id ?? ''));
  const [file, setFile] = useState<File | null>(null);
  const [tried, setTried] = useState(false);
  const share = useShareDocument({ onSuccess: (document) => navigate('/documents/' + document.id, { replace: true }) });
  const picked = file ? fileProblem(file) : null;
  const fileError = fileProblemText(picked, file) ?? serverFileProblem(share.error) ?? (tried && !file ? t('documents.form.pickFile') : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!title.trim() || !file || picked || share.isPending) {
      return;
    }
    share.mutate({
      key, kind, title: title.trim(), audience, file,
      circleId: audience === 'CIRCLE' ? circleId : undefined,
      eventId: audience === 'EVENT' ? eventId : undefined,
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('documents.share')}>
      <FormControl sx={{ display: 'block', my: 1 }}>
        <FormLabel id={kindId}>{t('documents.form.kind')}</FormLabel>
        <RadioGroup aria-labelledby={kindId} value={kind} onChange={(e) => setKind(e.target.value as DocumentKind)}>
          {KINDS.map((k) => (
            <FormControlLabel key={k} value={k} control={<Radio />} sx={{ alignItems: 'flex-start', '& .MuiFormControlLabel-label': { pt: 1.25 } }}
              label={<><span>{t('documents.kind.' + k)}</span><Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>{t('documents.form.kindHelp.' + k)}</Typography></>} />
          ))}
        </RadioGroup>
      </FormControl>
      <TextField label={t('documents.form.title')} value={title} onChange={(e) => setTitle(e.target.value)} required slotProps={{ htmlInput: { maxLength: 200 } }}
        {...(tried && !title.trim() ? { error: true, helperText: t('documents.form.required') } : fieldProps(share.error, 'title'))} />

      <FormControl sx={{ display: 'block', mt: 2, mb: 1 }}>
        <FormLabel id={audienceId}>{t('documents.form.audience')}</FormLabel>
        <RadioGroup aria-labelledby={audienceId} value={audience} onChange={(e) => setAudience(e.target.value as DocumentAudience)}>
          {audiences.map((a) => <FormControlLabel key={a} value={a} control={<Radio />} label={t('documents.form.to.' + a)} />)}
        </RadioGroup>
      </FormControl>
      {audience === 'CIRCLE' && (
        <TextField select label={t('documents.form.circle')} value={circleId} onChange={(e) => setCircleId(e.target.value)}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }} {...fieldProps(share.error, 'circleId')}>
          {circles.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </TextField>
      )}
      {audience === 'EVENT' && (
        <TextField select label={t('documents.form.event')} value={eventId} onChange={(e) => setEventId(e.target.value)}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }} {...fieldProps(share.error, 'eventId')}>
          {events.map((ev) => <option key={ev.id} value={ev.id}>{ev.name}</option>)}
        </TextField>
      )}

      <FilePicker label={t('documents.form.file')} file={file} onPick={(f) => { setFile(f); share.reset(); }} problem={fileError} />

      {!serverFileProblem(share.error) && <ProblemAlert error={share.error} />}
      {share.isPending && <Sending progress={share.progress} />}
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', mt: 1 }}>
        <Button type="submit" variant="contained" disabled={share.isPending}>{t('documents.form.submit')}</Button>
      </Box>
    </form>
  );
}
