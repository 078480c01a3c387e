import { CoreSchema1795334400000 } from './1795334400000-core-schema';

/** Every migration, oldest first. Explicit because a bundle has no folder to glob. */
export const MIGRATIONS = [CoreSchema1795334400000];
