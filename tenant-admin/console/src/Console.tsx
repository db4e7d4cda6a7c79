import { useState } from 'react';
import { setToken } from './api/client';
import { Organisations } from './screens/Organisations';
import { SignIn } from './screens/SignIn';

/** The operator console: the sign-in until he is in, then the organisations; signing out forgets the token. */
export function Console() {
  const [signedIn, setSignedIn] = useState(false);
  return signedIn ? <Organisations onSignOut={() => { setToken(null); setSignedIn(false); }} /> : <SignIn onDone={() => setSignedIn(true)} />;
}
