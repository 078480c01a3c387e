import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { TroubleshootFacts } from '../../../../shared/contract/troubleshoot';
import { SUPPORT_QUESTIONS } from '../../../../shared/troubleshoot/questions';
import { prefilled } from './summary';

/** The FAQ's support questions, each pre-filled where the data already answers it. */
export function SupportQuestions({
  facts,
  timeZone,
  answers,
  onAnswer,
}: {
  facts: TroubleshootFacts;
  timeZone: string;
  answers: Record<string, string>;
  onAnswer: (id: string, value: string) => void;
}) {
  return (
    <Paper sx={{ p: 2 }} component="section" aria-label="Support questions">
      <Typography variant="h6" component="h2" gutterBottom>
        Support questions
      </Typography>
      <Stack spacing={2}>
        {SUPPORT_QUESTIONS.map((q, index) => {
          const fromData = prefilled(q, facts, timeZone);
          return (
            <Stack key={q.id} spacing={0.5}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {index + 1}. {q.text}
                </Typography>
                <Chip
                  size="small"
                  label={fromData ? 'From the data' : 'Ask the caller'}
                  color={fromData ? 'success' : 'default'}
                  variant="outlined"
                />
              </Stack>
              <TextField
                size="small"
                fullWidth
                multiline
                value={answers[q.id] ?? fromData ?? ''}
                onChange={(e) => onAnswer(q.id, e.target.value)}
                placeholder="The caller's answer"
                slotProps={{ htmlInput: { 'aria-label': q.text } }}
              />
            </Stack>
          );
        })}
      </Stack>
    </Paper>
  );
}
