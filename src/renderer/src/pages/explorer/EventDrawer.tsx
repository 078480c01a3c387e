import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CloseOutlined from '@mui/icons-material/CloseOutlined';
import type { EventDetailValue, FilterPreset } from '../../../../shared/contract/events';
import { api } from '../../api';
import { useApiQuery } from '../../hooks/useApiQuery';
import { AnnotationEditor } from './AnnotationEditor';
import { DrawerIncidentCause } from './DrawerIncidentCause';
import { localTime, operatorTimeZone } from './format';

const KIND_COLOUR = { error: 'error', admin: 'info', info: 'default' } as const;

function Field({ label, value }: { label: string; value: string | number | null | undefined }) {
  if (value === null || value === undefined || value === '') return null;
  return (
    <>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }}>
        {value}
      </Typography>
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="section" aria-label={title}>
      <Typography variant="overline" color="text.secondary" component="h3">
        {title}
      </Typography>
      {children}
    </Box>
  );
}

const detailText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * What an admin action rested on, said first: an administrator's "verified another way" (flagged),
 * and a two-person action's requester and approver.
 */
function ActionBasis({ details }: { details: Record<string, unknown> | null | undefined }) {
  const how = typeof details?.verifiedAnotherWay === 'string' ? details.verifiedAnotherWay : null;
  const approval = details?.approval as { requestId?: number; requestedBy?: string; approvedBy?: string } | undefined;
  if (!how && !approval?.approvedBy) return null;
  return (
    <Stack spacing={1}>
      {how && (
        <Alert severity="warning" data-testid="drawer-verified-another-way">
          No caller check: the administrator verified the caller another way: &ldquo;{how}&rdquo;.
        </Alert>
      )}
      {approval?.approvedBy && (
        <Alert severity="info" data-testid="drawer-approval">
          Requested by {approval.requestedBy}, approved by {approval.approvedBy} (request #{approval.requestId}).
        </Alert>
      )}
    </Stack>
  );
}

function Detail({ v, onPreset }: { v: EventDetailValue; onPreset: (preset: FilterPreset) => void }) {
  const e = v.event;
  return (
    <Stack spacing={2.5}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Chip
          label={v.catalog.label}
          color={KIND_COLOUR[v.catalog.kind]}
          variant={v.catalog.kind === 'info' ? 'outlined' : 'filled'}
        />
        <Typography variant="body2" color="text.secondary">
          {localTime(e.occurredAt)}
        </Typography>
      </Stack>
      <ActionBasis details={e.details} />
      <AnnotationEditor key={e.id} eventId={e.id} initial={v.annotation} />
      {v.catalog.userMessage && (
        <Section title="What the user saw">
          <Typography
            data-testid="drawer-user-message"
            sx={{ borderLeft: 3, borderColor: 'divider', pl: 1.5, fontStyle: 'italic' }}
          >
            “{v.catalog.userMessage}”
          </Typography>
        </Section>
      )}
      {v.providerCode && (
        <Section title={`Error code ${v.providerCode.code}: ${v.providerCode.title}`}>
          <Typography variant="body2" data-testid="drawer-code-meaning">
            {v.providerCode.meaning}
          </Typography>
          <Alert severity="info" sx={{ mt: 1 }} data-testid="drawer-code-action">
            {v.providerCode.helpdeskAction}
          </Alert>
        </Section>
      )}
      {v.catalog.helpdeskAction !== 'None.' && (
        <Section title="What the helpdesk should do">
          <Typography variant="body2" data-testid="drawer-helpdesk-action">
            {v.catalog.helpdeskAction}
          </Typography>
        </Section>
      )}
      <Section title="Recorded">
        <Box
          component="dl"
          sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}
        >
          <Field label="Event id" value={e.id} />
          <Field label="Type" value={`${e.typeLabel} (${e.type})`} />
          <Field label={`When (${operatorTimeZone()})`} value={localTime(e.occurredAt)} />
          <Field label="When (UTC)" value={e.occurredAtIso} />
          <Field label="User" value={e.userName} />
          <Field label="Email" value={e.userEmail} />
          <Field label="Role" value={e.userRole} />
          <Field label="Phone" value={e.phoneMasked} />
          <Field label="Country" value={e.country} />
          <Field label="Carrier" value={e.carrier} />
          <Field label="Provider" value={e.provider} />
          <Field label="Provider code" value={e.providerCode} />
          <Field label="Message" value={e.message} />
          <Field label="Actor" value={e.actor} />
          <Field label="Reason" value={e.reason} />
          <Field label="Session" value={e.sessionId} />
          {Object.entries(e.details ?? {}).map(([key, value]) => (
            <Field key={key} label={key} value={detailText(value)} />
          ))}
        </Box>
      </Section>
      <Divider />
      <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
        {e.userEmail && v.user?.exists && (
          <Button
            component={RouterLink}
            to={`/users/${encodeURIComponent(e.userEmail)}`}
            variant="outlined"
            size="small"
          >
            Open {e.userName ?? e.userEmail}'s page
          </Button>
        )}
        {v.presets.length > 0 && (
          <Section title="More like this">
            <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
              {v.presets.map((p) => (
                <Button key={p.id} size="small" onClick={() => onPreset(p)}>
                  {p.label}
                </Button>
              ))}
            </Stack>
          </Section>
        )}
      </Stack>
    </Stack>
  );
}

/** Everything recorded about one event, what it meant to the user, and what to do next. */
export function EventDrawer({
  id,
  onClose,
  onPreset,
}: {
  id: number | null;
  onClose: () => void;
  onPreset: (preset: FilterPreset) => void;
}) {
  const detail = useApiQuery(
    () =>
      id === null
        ? Promise.resolve({ ok: false as const, error: { code: 'NONE', message: '' } })
        : api.eventDetail({ id }),
    [id],
  );
  const v = id !== null && detail.data?.event.id === id ? detail.data : undefined;
  return (
    <Drawer
      anchor="right"
      open={id !== null}
      onClose={onClose}
      slotProps={{ paper: { sx: { width: 460, p: 3 }, role: 'dialog', 'aria-label': 'Event details' } }}
    >
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 2 }}>
        <Typography variant="h6" component="h2">
          Event {id}
        </Typography>
        <IconButton aria-label="Close details" onClick={onClose}>
          <CloseOutlined />
        </IconButton>
      </Stack>
      {detail.error && detail.error.code !== 'NONE' && <Alert severity="error">{detail.error.message}</Alert>}
      {v && <DrawerIncidentCause id={v.event.id} />}
      {v && <Detail v={v} onPreset={onPreset} />}
    </Drawer>
  );
}
