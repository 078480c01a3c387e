import { Link as RouterLink } from 'react-router';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import type { UserFilter } from '../../../../shared/contract';
import { api } from '../../api';
import { useApiQuery } from '../../hooks/useApiQuery';

/** A count of users in one blocking state, opening the directory filtered to them. */
export function AttentionCard(props: {
  filter: UserFilter;
  label: string;
  hint: string;
  signal: number;
  /** Colour a non-zero count as a problem (not for 2FA disabled, which may be intended). */
  urgent?: boolean;
}) {
  const { filter, label, hint, signal, urgent = true } = props;
  const count = useApiQuery(() => api.listUsers({ filter, limit: 1 }), [filter, signal]);
  const total = count.data?.total;
  return (
    <Card sx={{ minWidth: 200, flex: 1 }}>
      <CardActionArea component={RouterLink} to={`/users?filter=${filter}`} sx={{ height: '100%' }}>
        <CardContent>
          <Typography variant="overline" color="text.secondary">
            {label}
          </Typography>
          <Typography
            variant="h4"
            component="p"
            color={total && urgent ? 'error' : 'text.primary'}
            data-testid={`attention-${filter}`}
          >
            {total ?? '…'}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {hint}
          </Typography>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}
