import { json } from '@sveltejs/kit';
import { appDatabase } from '#lib/server/app.ts';

/** For load balancers and monitoring: 200 when the database answers, 503 otherwise. */
export const GET = async () => {
	const t0 = performance.now();
	try {
		const database = await appDatabase();
		await database.ping();
		return json(
			{ status: 'ok', database: { kind: database.kind, ok: true, ms: Math.round(performance.now() - t0) } },
			{ headers: { 'cache-control': 'no-store' } }
		);
	} catch {
		return json(
			{ status: 'error', database: { ok: false } },
			{ status: 503, headers: { 'cache-control': 'no-store' } }
		);
	}
};
