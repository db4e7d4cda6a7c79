import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import type { Enrolment } from '../api/types';
import { m } from '../messages';

/** The new secret for his authenticator: a link that opens the app on a phone, and the key to type or paste. */
export function Enrol({ enrolment }: { enrolment: Enrolment }) {
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
