import { useEffect, useState } from 'react';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { PhoneCheckValue } from '../../../../shared/contract';
import { api } from '../../api';

export interface PhoneInput {
  phone: string;
  country: string;
  /** The normalised number when valid, so the form can show what will be saved. */
  check: PhoneCheckValue | null;
  error: string | null;
}

/** A phone number with its country, checked by the engine as it is typed (E.164, type, warning). */
export function PhoneField({ value, onChange }: { value: PhoneInput; onChange: (v: PhoneInput) => void }) {
  const [pending, setPending] = useState(false);
  const { phone, country } = value;
  useEffect(() => {
    if (!phone.trim()) return;
    let current = true;
    const timer = window.setTimeout(async () => {
      setPending(true);
      const result = await api.checkPhone({ phone, country: country.trim() || undefined });
      setPending(false);
      if (!current) return;
      onChange({
        phone,
        country,
        check: result.ok ? result.value : null,
        error: result.ok ? null : result.error.message,
      });
    }, 250);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
    // onChange is a fresh closure each render; the check depends on the typed values only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [phone, country]);

  const helper = value.error
    ? value.error
    : value.check
      ? `Saved as ${value.check.e164} (${value.check.type.replace(/_/g, ' ').toLowerCase()})${value.check.warning ? `: ${value.check.warning}` : ''}`
      : pending
        ? 'Checking…'
        : 'International format (E.164) with the country code, e.g. +447111222333';
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
      <TextField
        label="Mobile number"
        value={phone}
        onChange={(e) => onChange({ ...value, phone: e.target.value, check: null, error: null })}
        error={Boolean(value.error)}
        helperText={helper}
        fullWidth
        margin="dense"
        color={value.check?.warning ? 'warning' : undefined}
        focused={value.check?.warning ? true : undefined}
      />
      <TextField
        label="Country"
        value={country}
        onChange={(e) =>
          onChange({ ...value, country: e.target.value.toUpperCase().slice(0, 2), check: null, error: null })
        }
        margin="dense"
        sx={{ width: 110 }}
        helperText="For 07… numbers"
        slotProps={{ htmlInput: { maxLength: 2 } }}
      />
    </Stack>
  );
}

export const emptyPhone = (): PhoneInput => ({ phone: '', country: '', check: null, error: null });
