import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import StarBorderOutlined from '@mui/icons-material/StarBorderOutlined';
import StarOutlined from '@mui/icons-material/StarOutlined';
import { MAX_NOTE_LENGTH, MAX_TAGS, splitTags, tagListSchema } from '../../../../shared/annotations';
import type { EventAnnotation } from '../../../../shared/contract/annotations';
import type { Result } from '../../../../shared/result';
import { api } from '../../api';
import { useRefresh } from '../../app/refresh';
import { useApiQuery } from '../../hooks/useApiQuery';
import { When } from '../../components/When';

/**
 * An investigator's marks on the event in the drawer: a star, tags and a note. Each change is
 * saved at once under the signed-in operator; the explorer's rows and filters re-read after it.
 */
export function AnnotationEditor({ eventId, initial }: { eventId: number; initial: EventAnnotation }) {
  const [annotation, setAnnotation] = useState(initial);
  const [note, setNote] = useState(initial.note ?? '');
  const [tagError, setTagError] = useState<string | null>(null);
  // What is typed in the tag field: kept when a tag is refused, so it can be corrected.
  const [typing, setTyping] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const refresh = useRefresh();
  const facets = useApiQuery(() => api.eventsFacets({}), []);
  const known = (facets.data?.tags ?? []).map((t) => t.value);

  const save = async (call: Promise<Result<EventAnnotation>>) => {
    setSaving(true);
    const result = await call;
    setSaving(false);
    if (!result.ok) {
      setError(result.error.message);
      return false;
    }
    setError(null);
    setAnnotation(result.value);
    refresh();
    return true;
  };

  const setTags = (typed: string[]) => {
    const parsed = tagListSchema.safeParse(typed.flatMap(splitTags));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const which = typeof issue.path[0] === 'number' ? `“${typed.flatMap(splitTags)[issue.path[0]]}” ` : 'The tags ';
      setTagError(`${which}${issue.message}.`);
      setTyping(typed.filter((t) => !annotation.tags.includes(t)).join(' '));
      return;
    }
    setTagError(null);
    setTyping('');
    void save(api.eventTagsSet({ id: eventId, tags: parsed.data }));
  };

  const noteChanged = (note.trim() || null) !== annotation.note;
  return (
    <Box component="section" aria-label="Investigation" data-testid="annotation-editor">
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="overline" color="text.secondary" component="h3">
          Investigation
        </Typography>
        <Button
          size="small"
          aria-pressed={annotation.starred}
          disabled={saving}
          onClick={() => void save(api.eventStar({ id: eventId, starred: !annotation.starred }))}
          startIcon={annotation.starred ? <StarOutlined sx={{ color: 'warning.main' }} /> : <StarBorderOutlined />}
        >
          {annotation.starred ? 'Starred' : 'Star this event'}
        </Button>
      </Stack>
      <Stack spacing={1.5}>
        <Autocomplete
          multiple
          freeSolo
          size="small"
          options={known}
          value={annotation.tags}
          onChange={(_, value) => setTags(value)}
          inputValue={typing}
          onInputChange={(_, text, reason) => {
            if (reason === 'reset') return;
            setTyping(text);
            setTagError(null);
          }}
          renderValue={(value, getItemProps) =>
            value.map((tag, index) => {
              const { key, ...rest } = getItemProps({ index });
              return <Chip key={key} size="small" label={tag} {...rest} />;
            })
          }
          renderInput={(params) => (
            <TextField
              {...params}
              label="Tags"
              placeholder={annotation.tags.length < MAX_TAGS ? 'Type a tag, then Enter' : undefined}
              error={tagError !== null}
              helperText={tagError ?? `Up to ${MAX_TAGS}: letters, digits, '.', '_' and '-'.`}
            />
          )}
        />
        <TextField
          label="Note"
          multiline
          minRows={2}
          maxRows={8}
          size="small"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          slotProps={{ htmlInput: { maxLength: MAX_NOTE_LENGTH } }}
          helperText={`${note.length.toLocaleString('en')} of ${MAX_NOTE_LENGTH.toLocaleString('en')} characters`}
        />
        <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', gap: 1 }}>
          <Typography variant="caption" color="text.secondary" data-testid="annotation-changed">
            {annotation.updatedBy ? (
              <>
                Last changed by {annotation.updatedBy}, <When ms={annotation.updatedAt} />
              </>
            ) : (
              'Not annotated yet.'
            )}
          </Typography>
          <Button
            size="small"
            variant="outlined"
            sx={{ flexShrink: 0, whiteSpace: 'nowrap' }}
            disabled={!noteChanged || saving}
            onClick={() => void save(api.eventNoteSet({ id: eventId, note }))}
          >
            Save note
          </Button>
        </Stack>
        {error && <Alert severity="error">{error}</Alert>}
      </Stack>
    </Box>
  );
}
