import { CoreSchema1795334400000 } from './1795334400000-core-schema';
import { EventSearch1795340000000 } from './1795340000000-event-search';
import { TwilioProvider1795346000000 } from './1795346000000-twilio-provider';
import { SavedEventFilters1795347000000 } from './1795347000000-saved-event-filters';
import { EventSearchRepair1795348000000 } from './1795348000000-event-search-repair';
import { LateEvents1795349000000 } from './1795349000000-late-events';
import { MigrationVersions1795350000000 } from './1795350000000-migration-versions';
import { OperatorAuth1795380000000 } from './1795380000000-operator-auth';
import { WorkspaceImport1795390000000 } from './1795390000000-workspace-import';
import { Incidents1795400000000 } from './1795400000000-incidents';
import { Approvals1795410000000 } from './1795410000000-approvals';
import { SaferChanges1795420000000 } from './1795420000000-safer-changes';
import { EventAnnotations1795436000000 } from './1795436000000-event-annotations';
import { RollupDeliveries1795437000000 } from './1795437000000-rollup-deliveries';
import { ChartRollups1795438000000 } from './1795438000000-chart-rollups';

/** Every migration, oldest first. Explicit because a bundle has no folder to glob. */
export const MIGRATIONS = [
  CoreSchema1795334400000,
  EventSearch1795340000000,
  TwilioProvider1795346000000,
  SavedEventFilters1795347000000,
  EventSearchRepair1795348000000,
  LateEvents1795349000000,
  MigrationVersions1795350000000,
  OperatorAuth1795380000000,
  WorkspaceImport1795390000000,
  Incidents1795400000000,
  Approvals1795410000000,
  SaferChanges1795420000000,
  EventAnnotations1795436000000,
  RollupDeliveries1795437000000,
  ChartRollups1795438000000,
];
