import { useEffect, useState } from 'react';
import { loadSession, saveSession, whenSessionExpires } from './api';
import type { Session } from './api';
import { LoginPage } from './pages/login';
import { Shell } from './shell';

/** Signed in or not; an expired token brings the login page back with a note. */
export function Root() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [notice, setNotice] = useState<string | undefined>();
  useEffect(() => {
    whenSessionExpires(() => {
      saveSession(null);
      setSession(null);
      setNotice('登录已过期，请重新登录');
    });
  }, []);
  if (!session) {
    return <LoginPage notice={notice} onLogin={(s) => { saveSession(s); setNotice(undefined); setSession(s); }} />;
  }
  return <Shell session={session} onLogout={() => { saveSession(null); setSession(null); }} />;
}
