import type { Db } from './db/client.ts';
import type { Actor } from './policy/policy.ts';

/** What every service function receives: the database and who is asking. */
export interface ServiceContext {
	db: Db;
	actor: Actor;
}
