import { Route, Routes } from 'react-router';
import { api } from '../../api';
import { useRefreshSignal } from '../../app/refresh';
import { useApiQuery } from '../../hooks/useApiQuery';
import { UserDirectory } from './UserDirectory';
import { UserView } from './UserView';

export function UsersPage() {
  const signal = useRefreshSignal();
  const info = useApiQuery(() => api.info({}), [signal]);
  const simulated = info.data?.provider !== 'twilio';
  const provider = useApiQuery(() => api.providerSettingsGet({}), [signal]);
  return (
    <Routes>
      <Route index element={<UserDirectory />} />
      <Route
        path=":email"
        element={
          <UserView
            explorerAvailable={true}
            simulated={simulated}
            twilioConfigured={provider.data?.twilio.configured ?? false}
          />
        }
      />
    </Routes>
  );
}
