import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { TroubleshootFacts } from '../../../../shared/contract/troubleshoot';
import type { ApiError } from '../../../../shared/result';
import { findings } from '../../../../shared/troubleshoot/findings';
import { api } from '../../api';
import { FindingsPanel } from './FindingsPanel';
import { ReceiveChecklist } from './ReceiveChecklist';
import { SupportQuestions } from './SupportQuestions';
import { escalationSummary } from './summary';
import { CallerSearch } from './CallerSearch';
import { operatorTimeZone } from '../../app/time-zone';
import { ZoneNote } from '../../components/When';
import { useWorkspace } from '../../app/workspace';
import { WorkspaceFactsNote } from './WorkspaceFactsNote';

/**
 * The guided troubleshooting form: pick the caller, see what the data shows, walk the
 * FAQ's checks and support questions (pre-filled where the data knows), and copy the
 * escalation summary.
 */
export function TroubleshootPage() {
  const [params, setParams] = useSearchParams();
  const email = params.get('email') ?? '';
  const phone = params.get('phone') ?? '';
  const workspace = useWorkspace().status?.open ?? null;
  const [facts, setFacts] = useState<TroubleshootFacts | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const [copied, setCopied] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!email && !phone) return;
    let current = true;
    api.troubleshootFacts(email ? { email } : { phone }).then((result) => {
      if (!current) return;
      setCopied(false);
      setAnswers({});
      setTicked({});
      setFacts(result.ok ? result.value : null);
      setError(result.ok ? null : result.error);
    });
    return () => {
      current = false;
    };
  }, [email, phone, tick]);

  const items = useMemo(() => (facts ? findings(facts) : []), [facts]);
  const timeZone = useMemo(operatorTimeZone, []);
  const summary = facts ? escalationSummary(facts, items, answers, timeZone) : '';

  return (
    <Stack spacing={3} sx={{ maxWidth: 1200 }}>
      <Stack direction="row" sx={{ alignItems: 'baseline', justifyContent: 'space-between' }}>
        <Typography variant="h5" component="h1">
          Troubleshooting
        </Typography>
        <ZoneNote />
      </Stack>
      <CallerSearch
        initial={email || phone}
        inWorkspace={workspace !== null}
        onChoose={(chosen) => {
          setParams(chosen);
          setTick((n) => n + 1);
        }}
        summary={
          facts && (
            <Typography variant="body2" color="text.secondary" data-testid="caller-summary">
              {facts.workspace
                ? [
                    facts.user.name,
                    facts.user.email !== facts.user.name ? facts.user.email : null,
                    facts.user.maskedPhone ?? 'no phone in the imported events',
                    facts.user.carrier ?? 'carrier not in the files',
                  ]
                    .filter(Boolean)
                    .join(' · ')
                : `${facts.user.name} · ${facts.user.email} · ${facts.user.role} · ${facts.user.maskedPhone ?? 'no phone'} · ${facts.user.carrier ?? 'carrier unknown'}`}
            </Typography>
          )
        }
      />
      {error && <Alert severity="error">{error.message}</Alert>}
      {facts?.workspace && <WorkspaceFactsNote facts={facts} />}
      {facts && (
        <Box
          sx={{
            display: 'grid',
            gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 5fr) minmax(0, 7fr)' },
            gap: 3,
            alignItems: 'start',
          }}
        >
          <Stack spacing={3}>
            <FindingsPanel items={items} user={facts.user} inWorkspace={facts.workspace !== null} />
            <ReceiveChecklist facts={facts} ticked={ticked} onTick={(id, v) => setTicked((t) => ({ ...t, [id]: v }))} />
          </Stack>
          <Stack spacing={3}>
            <SupportQuestions
              facts={facts}
              timeZone={timeZone}
              answers={answers}
              onAnswer={(id, v) => setAnswers((a) => ({ ...a, [id]: v }))}
            />
            <Paper sx={{ p: 2 }} component="section" aria-label="Escalation summary">
              <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
                <Typography variant="h6" component="h2">
                  Escalation summary
                </Typography>
                <Button
                  variant="outlined"
                  onClick={async () => {
                    await navigator.clipboard.writeText(summary);
                    setCopied(true);
                  }}
                >
                  {copied ? 'Copied' : 'Copy summary'}
                </Button>
              </Stack>
              <Box
                component="pre"
                data-testid="escalation-summary"
                // It scrolls: a keyboard must be able to reach it (axe: scrollable-region-focusable).
                tabIndex={0}
                aria-label="Escalation summary text"
                sx={{ whiteSpace: 'pre-wrap', fontSize: 12, m: 0, maxHeight: 320, overflow: 'auto' }}
              >
                {summary}
              </Box>
            </Paper>
          </Stack>
        </Box>
      )}
    </Stack>
  );
}
