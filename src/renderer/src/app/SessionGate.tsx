import { useState, type ReactNode } from 'react';
import CircularProgress from '@mui/material/CircularProgress';
import Box from '@mui/material/Box';
import { LockScreen } from '../pages/session/LockScreen';
import { RecoveryCodesScreen } from '../pages/session/RecoveryCodesScreen';
import { SetupScreen } from '../pages/session/SetupScreen';
import { SignInScreen } from '../pages/session/SignInScreen';
import { TrainingSignIn } from '../pages/session/TrainingSignIn';
import { useSession } from './operator';

/**
 * The console opens only for a signed-in operator: first start → setup; no session → sign-in
 * (or a user's sign-in for training); idle for 15 minutes → the lock; an administrator's first
 * sign-in → their recovery codes, once.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const session = useSession();
  const [email, setEmail] = useState<string | undefined>(undefined);
  const [training, setTraining] = useState(false);
  const { status, operator } = session;

  if (!status) {
    return (
      <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
        <CircularProgress aria-label="Opening the console" />
      </Box>
    );
  }
  if (status.setupNeeded && !operator) {
    return (
      <SetupScreen
        onDone={(made) => {
          setEmail(made);
          session.reload();
        }}
      />
    );
  }
  if (!operator) {
    if (training) return <TrainingSignIn onBack={() => setTraining(false)} />;
    return (
      <SignInScreen
        email={email}
        notice={session.notice}
        onSignedIn={(codes) => session.signedIn(codes)}
        onTraining={() => setTraining(true)}
      />
    );
  }
  if (status.locked) {
    return (
      <LockScreen
        operator={operator}
        onUnlocked={() => session.signedIn(null)}
        onSignOut={() => void session.signOut()}
      />
    );
  }
  if (session.recoveryCodes) {
    return <RecoveryCodesScreen codes={session.recoveryCodes} onSaved={session.acknowledgeRecoveryCodes} />;
  }
  return <>{children}</>;
}
