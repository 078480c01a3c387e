import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { OutboxMessageView } from '../../../../shared/contract';
import { api } from '../../api';
import { When } from '../../components/When';
import { SessionCard } from './SessionCard';

interface Screen {
  severity: 'success' | 'info' | 'error';
  text: string;
}

/**
 * A user's own sign-in, as staff meet it, for training: the documents' messages (locked, cooldown,
 * "It's not my phone number", session expired) seen from the user's side. With the simulated provider
 * the SMS shows here. Not for signed-in operators: the helpdesk never completes a user's sign-in.
 */
export function TrainingSignIn({ onBack }: { onBack: () => void }) {
  const [email, setEmail] = useState('');
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [messages, setMessages] = useState<OutboxMessageView[]>([]);
  const [code, setCode] = useState('');
  const [screen, setScreen] = useState<Screen | null>(null);
  // After "Reset 2FA": the user types a new number, a code goes to it, the code enrols it.
  const [enrolling, setEnrolling] = useState(false);
  const [enrolled, setEnrolled] = useState(false);
  const [phone, setPhone] = useState('');
  const [accessCode, setAccessCode] = useState('');

  useEffect(() => {
    if (!sessionId) return;
    let current = true;
    const load = () =>
      api.signInMessages({ email, sessionId }).then((result) => {
        if (current && result.ok) setMessages(result.value.messages);
      });
    void load();
    const timer = window.setInterval(load, 2_000);
    return () => {
      current = false;
      window.clearInterval(timer);
    };
  }, [email, sessionId]);

  const send = async () => {
    const result = await api.sendCode({ email });
    if (!result.ok) return setScreen({ severity: 'error', text: result.error.message });
    if (result.value.outcome === 'code_sent') {
      setSessionId(result.value.sessionId);
      setScreen({ severity: 'info', text: `A code was sent to ${result.value.maskedPhone}.` });
    } else if (result.value.outcome === 'enrolment_required') {
      setEnrolling(true);
      setScreen({ severity: 'info', text: result.value.message });
    } else
      setScreen({ severity: 'success', text: `Signed in without a code (${result.value.method.replace(/_/g, ' ')}).` });
  };
  const enrol = async () => {
    const result = await api.enrolPhone({ email, phone });
    if (!result.ok) return setScreen({ severity: 'error', text: result.error.message });
    setSessionId(result.value.enrolmentId);
    setEnrolled(true);
    setScreen({
      severity: 'info',
      text: `A code was sent to ${result.value.maskedPhone}: enter it to enrol this number.`,
    });
  };
  const useAccess = async () => {
    const result = await api.useTemporaryAccess({ email, code: accessCode });
    setAccessCode('');
    setScreen(
      result.ok
        ? { severity: 'success', text: 'Signed in with a temporary access code.' }
        : { severity: 'error', text: result.error.message },
    );
  };
  const check = async () => {
    if (enrolled) {
      const result = await api.confirmEnrolment({ email, code });
      setCode('');
      if (result.ok) {
        setEnrolling(false);
        setEnrolled(false);
      }
      return setScreen(
        result.ok
          ? { severity: 'success', text: 'Number enrolled; signed in.' }
          : { severity: 'error', text: result.error.message },
      );
    }
    const result = await api.checkCode({ email, code, sessionId: sessionId ?? undefined });
    setCode('');
    setScreen(
      result.ok ? { severity: 'success', text: 'Signed in.' } : { severity: 'error', text: result.error.message },
    );
  };
  const notMine = async () => {
    const result = await api.notMyNumber({ email, sessionId: sessionId ?? undefined });
    setScreen(
      result.ok ? { severity: 'error', text: result.value.message } : { severity: 'error', text: result.error.message },
    );
  };

  return (
    <SessionCard
      title="A user's sign-in (training)"
      intro="What a member of staff sees when they sign in with a code. Use it to learn the messages the helpdesk hears about on the phone."
    >
      <Stack spacing={1.5}>
        <TextField label="User's email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        <Button variant="outlined" onClick={send} disabled={!email.trim()}>
          Send code
        </Button>
        {sessionId && (
          <Box sx={{ bgcolor: 'action.hover', borderRadius: 1, p: 1.5 }} role="region" aria-label="Simulated phone">
            <Typography variant="caption" color="text.secondary" component="p">
              Simulated phone
            </Typography>
            {messages.length === 0 ? (
              <Typography variant="body2">No message (with a real provider the SMS goes to the phone).</Typography>
            ) : (
              messages.slice(0, 2).map((m) => (
                <Typography key={m.id} variant="body2">
                  <When ms={m.sentAt} /> · {m.phone}: {m.body}
                </Typography>
              ))
            )}
          </Box>
        )}
        {enrolling && (
          <Stack direction="row" spacing={1}>
            <TextField
              label="Your mobile number"
              placeholder="+447111222333"
              helperText="With the country code"
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
              autoComplete="tel"
              sx={{ flex: 1 }}
            />
            <Button variant="outlined" onClick={enrol} disabled={!phone.trim()}>
              Send code to it
            </Button>
          </Stack>
        )}
        <TextField label="Code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" />
        <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
          <Button variant="contained" onClick={check} disabled={!code.trim()}>
            Verify
          </Button>
          <Button onClick={notMine} disabled={!email.trim()}>
            It&apos;s not my phone number
          </Button>
        </Stack>
        <Stack direction="row" spacing={1}>
          <TextField
            label="Temporary access code"
            helperText="From your helpdesk, instead of an SMS code"
            value={accessCode}
            onChange={(e) => setAccessCode(e.target.value)}
            autoComplete="off"
            size="small"
            sx={{ flex: 1 }}
          />
          <Button onClick={useAccess} disabled={!email.trim() || accessCode.trim().length < 8}>
            Sign in with it
          </Button>
        </Stack>
        {screen && (
          <Alert severity={screen.severity} data-testid="sign-in-screen">
            {screen.text}
          </Alert>
        )}
        <Link component="button" type="button" variant="body2" onClick={onBack} sx={{ alignSelf: 'flex-start' }}>
          Back to the operators&apos; sign-in
        </Link>
      </Stack>
    </SessionCard>
  );
}
