import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { MessageKey } from '#lib/i18n/messages.ts';
import { audit } from '#lib/server/audit/audit.service.ts';
import type { ServiceContext } from '#lib/server/context.ts';
import { Invalid, NotFound } from '#lib/server/errors.ts';
import type { Db, DbOrTx } from '#lib/server/db/client.ts';
import { enqueueJob, errorMessage, type JobHandlers } from '#lib/server/jobs/jobs.service.ts';
import type { FileStorage } from '#lib/server/files/storage.ts';
import { parseCsv } from '#lib/server/http/csv.ts';
import { requireAccess } from '#lib/server/policy/policy.ts';
import { findSettings } from '#lib/server/settings/settings.queries.ts';
import * as queries from './membership.queries.ts';
import { allocateNumber } from './review.service.ts';

export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
const FORMS: Record<string, 'ordinary' | 'supporting' | 'honorary'> = {
	ordinary: 'ordinary',
	ordentlich: 'ordinary',
	'ordentliches mitglied': 'ordinary',
	supporting: 'supporting',
	fördernd: 'supporting',
	'förderndes mitglied': 'supporting',
	honorary: 'honorary',
	ehrenmitglied: 'honorary'
};

/** "2026-03-01" or "01.03.2026" as ISO date. */
function isoDate(value: string): string | null {
	const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
	const iso = german ? `${german[3]}-${german[2]!.padStart(2, '0')}-${german[1]!.padStart(2, '0')}` : value;
	return /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(Date.parse(iso)) ? iso : null;
}

const rowSchema = z.object({
	Mitgliedsnummer: z.string().max(40, 'forms_too_long').default(''),
	Name: z.string().min(1, 'forms_required').max(200, 'forms_too_long'),
	Form: z
		.string()
		.transform((v) => FORMS[v.toLocaleLowerCase('de')])
		.refine((v) => v !== undefined, 'membership_import_form_invalid'),
	Beginn: z
		.string()
		.transform(isoDate)
		.refine((v) => v !== null, 'membership_date_invalid'),
	'E-Mail': z
		.string()
		.default('')
		.refine((v) => !v || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'forms_email_invalid'),
	Telefon: z.string().max(40, 'forms_too_long').default(''),
	Straße: z.string().max(200, 'forms_too_long').default(''),
	PLZ: z.string().max(10, 'forms_too_long').default(''),
	Ort: z.string().max(120, 'forms_too_long').default('')
});
type ImportRow = z.infer<typeof rowSchema>;

export interface PreviewRow {
	line: number;
	values: Record<string, string>;
	errors: { field: string; message: MessageKey }[];
}

/** Every row checked; rows before `skip` (already written by this import) are not compared with the register. */
async function checkRows(ctx: ServiceContext, text: string, skip = 0) {
	const { header, rows } = parseCsv(text);
	for (const required of ['Name', 'Form', 'Beginn']) {
		if (!header.includes(required)) throw new Invalid('membership_import_header_invalid', required, 'file');
	}
	const existing = new Set((await queries.allMemberships(ctx.db)).map((m) => m.number));
	const seen = new Set<string>();
	const checked = rows.map((values, index) => {
		const parsed = rowSchema.safeParse(values);
		const errors: PreviewRow['errors'] = parsed.success
			? []
			: parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message as MessageKey }));
		const number = values.Mitgliedsnummer ?? '';
		if (number && index >= skip && (existing.has(number) || seen.has(number)))
			errors.push({ field: 'Mitgliedsnummer', message: 'membership_import_number_taken' });
		if (number) seen.add(number);
		return { line: index + 2, values, errors, data: parsed.success ? parsed.data : null };
	});
	return checked;
}

/** Step 1: the file is checked row by row and kept privately; nothing is written to the register. */
export async function previewImport(ctx: ServiceContext, storage: FileStorage, bytes: Uint8Array) {
	requireAccess(ctx.actor, 'membership.register');
	if (bytes.byteLength === 0) throw new Invalid('membership_import_file_missing', undefined, 'file');
	if (bytes.byteLength > IMPORT_MAX_BYTES)
		throw new Invalid('membership_import_too_large', undefined, 'file');
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw new Invalid('membership_import_encoding', undefined, 'file');
	}
	const rows = await checkRows(ctx, text);
	if (rows.length === 0) throw new Invalid('membership_import_empty', undefined, 'file');
	const key = `imports/${randomBytes(12).toString('hex')}.csv`;
	await storage.put(key, bytes, 'text/csv');
	return {
		key: key.slice('imports/'.length, -'.csv'.length),
		rows: rows.map(({ line, values, errors }) => ({ line, values, errors })),
		valid: rows.filter((r) => r.errors.length === 0).length
	};
}

export const IMPORT_JOB = 'membership.import';
const BATCH = 100;

/**
 * Step 2: the same file is checked again; only when every row is valid is the import queued. The
 * job writes it in batches (each batch and its progress in one transaction, so a restart continues
 * where it stopped, never twice) and the page shows the progress.
 */
export async function confirmImport(ctx: ServiceContext, storage: FileStorage, key: string) {
	requireAccess(ctx.actor, 'membership.register');
	if (!/^[0-9a-f]{24}$/.test(key)) throw new Invalid('membership_import_file_missing');
	const fileKey = `imports/${key}.csv`;
	const file = await storage.get(fileKey);
	if (!file) throw new Invalid('membership_import_file_missing');
	const rows = await checkRows(ctx, new TextDecoder().decode(file.bytes));
	if (rows.some((r) => r.errors.length > 0 || !r.data)) throw new Invalid('membership_import_has_errors');
	return ctx.db.transaction(async (tx) => {
		if (await queries.importOfFile(tx, fileKey)) throw new Invalid('membership_import_file_missing');
		const run = await queries.insertImport(tx, { fileKey, total: rows.length, createdBy: ctx.actor.userId });
		await enqueueJob(tx, {
			kind: IMPORT_JOB,
			payload: { importId: run.id },
			dedupeKey: `${IMPORT_JOB}:${run.id}`
		});
		await audit(tx, {
			actorId: ctx.actor.userId,
			action: 'membership.imported',
			subjectType: 'membership_import',
			subjectId: run.id,
			details: { rows: rows.length }
		});
		return run.id;
	});
}

export async function importProgress(ctx: ServiceContext, id: number) {
	requireAccess(ctx.actor, 'membership.register');
	const run = await queries.findImport(ctx.db, id);
	if (!run) throw new NotFound(`import ${id}`);
	return { id: run.id, total: run.total, done: run.done, status: run.status, error: run.error };
}

/** The job: writes the rows not yet written, a batch per transaction. */
export async function runImport(db: Db, storage: FileStorage, importId: number) {
	const run = await queries.findImport(db, importId);
	if (!run || run.status === 'done') return;
	const file = await storage.get(run.fileKey);
	if (!file) throw new Error(`import ${importId}: file gone`);
	const system: ServiceContext = {
		db,
		actor: { userId: run.createdBy, roles: ['board'], twoFactorVerified: true }
	};
	const rows = await checkRows(system, new TextDecoder().decode(file.bytes), run.done);
	const settings = await findSettings(db);
	await queries.updateImport(db, importId, { status: 'running' });
	for (let start = run.done; start < rows.length; start += BATCH) {
		await db.transaction(async (tx) => {
			for (const { data } of rows.slice(start, start + BATCH)) {
				if (!data) throw new Error(`import ${importId}: a row no longer passes the checks`);
				await insertRow(tx, data, settings?.membershipNumberPattern ?? 'M-JJJJ-NNN', run.createdBy);
			}
			await queries.updateImport(tx, importId, { done: Math.min(start + BATCH, rows.length) });
		});
	}
	await queries.updateImport(db, importId, { status: 'done', finishedAt: new Date() });
	await storage.delete(run.fileKey);
}

async function insertRow(tx: DbOrTx, row: ImportRow, pattern: string, actorId: number | null) {
	const started = row.Beginn!;
	// Numbers from the old register are kept as they are (year 0: outside the running sequence).
	const numbered = row.Mitgliedsnummer
		? { number: row.Mitgliedsnummer, year: 0, sequence: await queries.nextSequence(tx, 0) }
		: await allocateNumber(tx, pattern, Number(started.slice(0, 4)));
	const membership = await queries.insertMembership(tx, {
		...numbered,
		form: row.Form!,
		name: row.Name,
		email: row['E-Mail'] || null,
		phone: row.Telefon || null,
		street: row.Straße || null,
		postalCode: row.PLZ || null,
		city: row.Ort || null,
		startedOn: started,
		decidedOn: started
	});
	await queries.insertEvent(tx, { membershipId: membership.id, kind: 'approved', actorId, note: 'Import' });
}

/** The job queue's handler for imports. */
export function membershipJobHandlers(db: Db, storage: FileStorage): JobHandlers {
	return {
		[IMPORT_JOB]: async (payload) => {
			const importId = Number(payload.importId);
			try {
				await runImport(db, storage, importId);
			} catch (error) {
				await queries.updateImport(db, importId, { status: 'failed', error: errorMessage(error) });
				throw error;
			}
		}
	};
}
