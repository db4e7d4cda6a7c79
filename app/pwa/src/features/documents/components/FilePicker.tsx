import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormHelperText from '@mui/material/FormHelperText';
import Typography from '@mui/material/Typography';
import { useId, useRef } from 'react';
import { ApiError } from '../../../api/problem';
import { t } from '../../../i18n/t';
import { ACCEPTED } from '../api/documents';
import { sizeOf } from '../documents';

/**
 * A file to send: a button that opens the phone's picker (the input itself is hidden: its look cannot be made to fit),
 * the file chosen with its size, and what is taken, or what is wrong with the file (`problem`).
 */
export function FilePicker({ label, file, onPick, problem }: { label: string; file: File | null; onPick: (file: File) => void; problem?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const labelId = useId();
  const helpId = useId();
  return (
    <Box role="group" aria-labelledby={labelId} sx={{ my: 1.5 }}>
      <Typography id={labelId} component="p" variant="body2" color="text.secondary" sx={{ mb: 0.5 }}>{label}</Typography>
      <input
        ref={input} type="file" accept={ACCEPTED} hidden aria-label={label}
        onChange={(e) => {
          const picked = e.target.files?.[0];
          // The same file may be picked again after a refusal: the input forgets it.
          e.target.value = '';
          if (picked) {
            onPick(picked);
          }
        }}
      />
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: 1.5, rowGap: 0.5 }}>
        <Button variant="outlined" onClick={() => input.current?.click()} aria-describedby={helpId}>
          {file ? t('documents.form.another') : t('documents.form.choose')}
        </Button>
        <Typography variant="body2" sx={{ overflowWrap: 'anywhere', minWidth: 0 }}>
          {file ? t('documents.form.chosen', { name: file.name, size: sizeOf(file.size) }) : t('documents.form.noFile')}
        </Typography>
      </Box>
      <FormHelperText id={helpId} error={Boolean(problem)} sx={{ mx: 0 }} role={problem ? 'alert' : undefined}>
        {problem ?? t('documents.form.fileHelp')}
      </FormHelperText>
    </Box>
  );
}

/** What is wrong with a file, in words: checked in the browser first, then the server's refusal of its type or size. */
export function fileProblemText(problem: 'tooLarge' | 'empty' | 'type' | null, file: File | null): string | undefined {
  if (!problem) {
    return undefined;
  }
  return problem === 'tooLarge' ? t('documents.form.tooLarge', { size: sizeOf(file?.size ?? 0) }) : t('documents.form.' + problem);
}

/** The server's refusal of a file, said beside the file: its type (415 FILE_TYPE_REFUSED, with what it found) or its size (413). */
export function serverFileProblem(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) {
    return undefined;
  }
  if (error.code === 'FILE_TYPE_REFUSED') {
    return t('documents.form.typeRefused') + (error.problem.detail ? ' (' + error.problem.detail + ')' : '');
  }
  if (error.status === 413) {
    return t('documents.form.tooLargeServer');
  }
  return undefined;
}
