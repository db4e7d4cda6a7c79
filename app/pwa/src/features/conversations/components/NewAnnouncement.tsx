import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../../auth';
import { t } from '../../../i18n/t';
import { Page } from '../../../ui/Page';
import { fieldProps, ProblemAlert } from '../../../ui/Problem';
import { audiencesFor, circlesFor, fieldProblem, MAX_BODY_BYTES, MAX_TITLE_BYTES, pinEnd, ROLES, today } from '../announcements';
import { circlesQuery, usePostAnnouncement } from '../api/announcements';
import type { Audience, Role } from '../api/types';
import { bytesOf } from '../thread';

const audienceText: Record<Audience, string> = { ORGANISATION: 'announcements.everyone', ROLE: 'announcements.aRole', CIRCLE: 'announcements.aCircle' };

/** /announcements/new: for admins and leadership, to anyone; for facilitators, to the circles they run. */
export default function NewAnnouncement() {
  const { me } = useAuth();
  const audiences = audiencesFor(me?.permissions ?? []);
  return (
    <Page title={t('announcements.new')}>
      <Button component={Link} to="/announcements" sx={{ ml: -1 }}>{'← ' + t('announcements.all')}</Button>
      {audiences.length === 0 ? <Alert severity="info">{t('announcements.notAllowed')}</Alert> : <AnnouncementForm audiences={audiences} />}
    </Page>
  );
}

function AnnouncementForm({ audiences }: { audiences: Audience[] }) {
  const { me } = useAuth();
  const navigate = useNavigate();
  const audienceId = useId();
  // Made when the form opens: a second submit, or one again after a network error, answers the announcement posted first.
  const [key] = useState(() => crypto.randomUUID());
  const [form, setForm] = useState({ title: '', body: '', audience: audiences[0], role: 'MEMBER' as Role, circleId: '', commentsEnabled: true, pinUntil: '' });
  const [tried, setTried] = useState(false);
  const circles = useQuery({ ...circlesQuery(), enabled: form.audience === 'CIRCLE' });
  const post = usePostAnnouncement({ onSuccess: (announcement) => navigate('/announcements/' + announcement.id, { replace: true }) });
  const mine = circlesFor(circles.data?.items ?? [], me?.person.id, me?.permissions ?? []);
  const circleId = form.circleId || (mine.length === 1 ? mine[0].id : '');
  const noCircle = form.audience === 'CIRCLE' && circles.isSuccess && mine.length === 0;

  const titleProblem = fieldProblem(form.title, MAX_TITLE_BYTES);
  const bodyProblem = fieldProblem(form.body, MAX_BODY_BYTES);
  const circleMissing = form.audience === 'CIRCLE' && circleId === '';
  const set = <K extends keyof typeof form>(field: K, value: (typeof form)[K]) => setForm({ ...form, [field]: value });
  const help = (problem: 'blank' | 'tooLong' | null, tooLong: string, field: string) =>
    problem === 'tooLong' || (problem === 'blank' && tried) ? { error: true, helperText: problem === 'tooLong' ? tooLong : t('announcements.required') } : fieldProps(post.error, field);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (titleProblem || bodyProblem || circleMissing || post.isPending) {
      return;
    }
    post.mutate({
      key,
      request: {
        title: form.title, body: form.body, audience: form.audience, role: form.audience === 'ROLE' ? form.role : null,
        circleId: form.audience === 'CIRCLE' ? circleId : null, commentsEnabled: form.commentsEnabled, pinnedUntil: pinEnd(form.pinUntil),
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('announcements.new')}>
      <TextField label={t('announcements.titleLabel')} value={form.title} onChange={(e) => set('title', e.target.value)} required
        {...help(titleProblem, t('announcements.titleTooLong', { n: bytesOf(form.title.trim()) }), 'title')} />
      <TextField label={t('announcements.body')} value={form.body} onChange={(e) => set('body', e.target.value)} required multiline minRows={5}
        {...help(bodyProblem, t('announcements.bodyTooLong', { n: bytesOf(form.body.trim()) }), 'body')} />

      <FormControl sx={{ display: 'block', my: 1 }}>
        <FormLabel id={audienceId}>{t('announcements.audience')}</FormLabel>
        <RadioGroup aria-labelledby={audienceId} value={form.audience} onChange={(e) => set('audience', e.target.value as Audience)}>
          {audiences.map((audience) => <FormControlLabel key={audience} value={audience} control={<Radio />} label={t(audienceText[audience])} />)}
        </RadioGroup>
      </FormControl>
      {form.audience === 'ROLE' && (
        <TextField select label={t('announcements.role')} value={form.role} onChange={(e) => set('role', e.target.value as Role)} {...fieldProps(post.error, 'role')}>
          {ROLES.map((role) => <MenuItem key={role} value={role}>{t('roles.' + role)}</MenuItem>)}
        </TextField>
      )}
      {form.audience === 'CIRCLE' && (
        <>
          <ProblemAlert error={circles.error} />
          {noCircle ? (
            <Alert severity="info" sx={{ my: 1 }}>{t('announcements.noCircles')}</Alert>
          ) : (
            <TextField
              select label={t('announcements.circle')} value={circles.isSuccess ? circleId : ''} onChange={(e) => set('circleId', e.target.value)} required disabled={!circles.isSuccess}
              {...(circleMissing && tried && circles.isSuccess ? { error: true, helperText: t('announcements.required') } : fieldProps(post.error, 'circleId'))}
            >
              {mine.map((circle) => <MenuItem key={circle.id} value={circle.id}>{circle.name}</MenuItem>)}
            </TextField>
          )}
        </>
      )}

      <FormControlLabel
        sx={{ display: 'flex', my: 1 }} label={t('announcements.allowComments')}
        control={<Switch checked={form.commentsEnabled} onChange={(e) => set('commentsEnabled', e.target.checked)} />}
      />
      <TextField
        type="date" label={t('announcements.pinUntil')} value={form.pinUntil} onChange={(e) => set('pinUntil', e.target.value)}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: today() } }} {...fieldProps(post.error, 'pinnedUntil', t('announcements.pinHelp'))}
      />

      <ProblemAlert error={post.error} />
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', mt: 1 }}>
        <Button type="submit" variant="contained" disabled={post.isPending || noCircle}>{t('announcements.post')}</Button>
      </Box>
    </form>
  );
}
