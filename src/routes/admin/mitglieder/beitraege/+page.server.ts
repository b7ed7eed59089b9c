import { appStorage, kickJobs } from '#lib/server/app.ts';
import {
	duesOverview,
	exportDirectDebits,
	feeSchedule,
	generateYearDues,
	recordPayment,
	sendReminders,
	setFees
} from '#lib/server/membership/dues.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';
import { feesSchema, generateDuesSchema, paymentSchema, collectionSchema } from '#lib/schemas/membership.ts';

function yearOf(url: URL) {
	const year = Number(url.searchParams.get('jahr'));
	return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : new Date().getFullYear();
}

export const load = async ({ locals, url }) => {
	guardPage(locals, 'membership.register');
	const year = yearOf(url);
	const [fees, dues] = await orHttpError(locals.locale, () =>
		Promise.all([feeSchedule(locals.ctx, year), duesOverview(locals.ctx, year)])
	);
	return { year, fees, dues };
};

const run = async <T>(form: FormData, call: () => Promise<T>) => {
	try {
		return { ok: await call() };
	} catch (error) {
		return { failure: failWith(error, form) };
	}
};

export const actions = {
	fees: async ({ locals, request, url }) => {
		guardPage(locals, 'membership.register');
		const form = await request.formData();
		const parsed = parseForm(form, feesSchema);
		if (parsed.failure) return parsed.failure;
		const result = await run(form, () => setFees(locals.ctx, yearOf(url), parsed.data));
		return result.failure ?? { feesSaved: true };
	},
	generate: async ({ locals, request, url }) => {
		guardPage(locals, 'membership.register');
		const form = await request.formData();
		const parsed = parseForm(form, generateDuesSchema);
		if (parsed.failure) return parsed.failure;
		const result = await run(form, () =>
			generateYearDues(locals.ctx, yearOf(url), parsed.data.dueOn, url.origin)
		);
		kickJobs();
		return result.failure ?? { generated: result.ok };
	},
	pay: async ({ locals, request }) => {
		guardPage(locals, 'membership.register');
		const form = await request.formData();
		const parsed = parseForm(form, paymentSchema);
		if (parsed.failure) return parsed.failure;
		const { duesId, ...payment } = parsed.data;
		const result = await run(form, () => recordPayment(locals.ctx, duesId, payment));
		return result.failure ?? { paid: true };
	},
	remind: async ({ locals, request, url }) => {
		guardPage(locals, 'membership.register');
		const form = await request.formData();
		const result = await run(form, () => sendReminders(locals.ctx, url.origin));
		kickJobs();
		return result.failure ?? { reminded: result.ok };
	},
	collect: async ({ locals, request, url }) => {
		guardPage(locals, 'membership.register');
		const form = await request.formData();
		const parsed = parseForm(form, collectionSchema);
		if (parsed.failure) return parsed.failure;
		const result = await run(form, () =>
			exportDirectDebits(locals.ctx, appStorage(), yearOf(url), parsed.data.collectionDate)
		);
		return result.failure ?? { collection: result.ok };
	}
};
