import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { UserView } from '../../../../shared/contract';
import { When } from '../../components/When';

/** Backup codes left (never the codes) and the devices that skip the code for 30 days. */
export function DevicesAndCodes({ view }: { view: UserView }) {
  const { backupCodes, trustedDevices } = view;
  return (
    <Paper sx={{ p: 2 }} component="section" aria-label="Backup codes and trusted devices">
      <Typography variant="h6" component="h2" gutterBottom>
        Backup codes
      </Typography>
      <Typography variant="body2" data-testid="backup-codes-remaining">
        {backupCodes.total === 0 ? (
          'No backup codes generated. The user can generate them after a successful sign-in.'
        ) : (
          <>
            {backupCodes.remaining} of {backupCodes.total} unused (generated <When ms={backupCodes.generatedAt} />
            ).
          </>
        )}
      </Typography>
      <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
        Trusted devices
      </Typography>
      {trustedDevices.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          No remembered devices.
        </Typography>
      )}
      <List dense disablePadding>
        {trustedDevices.map((d) => (
          <ListItem
            key={d.id}
            disableGutters
            secondaryAction={
              <Chip
                size="small"
                label={d.active ? 'Active' : d.revokedAt ? 'Revoked' : 'Expired'}
                color={d.active ? 'success' : 'default'}
              />
            }
          >
            <ListItemText
              primary={d.label}
              secondary={
                <>
                  Added <When ms={d.createdAt} /> · {d.active ? 'until' : 'was valid until'} <When ms={d.expiresAt} />
                </>
              }
            />
          </ListItem>
        ))}
      </List>
    </Paper>
  );
}
