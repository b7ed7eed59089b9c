// Run by `npm start` before the server: migrate, seed, create the first admin (see bootstrap.ts).
import { readConfig } from '#lib/server/config.ts';
import { prepareDatabase } from '#lib/server/bootstrap.ts';

const database = await prepareDatabase(readConfig());
await database.close();
