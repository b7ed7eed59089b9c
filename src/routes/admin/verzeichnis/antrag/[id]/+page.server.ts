import { decisionSchema } from '#lib/schemas/directory.ts';
import { kickJobs } from '#lib/server/app.ts';
import { decideRequest, getRequest } from '#lib/server/directory/review.service.ts';
import { failWith, parseForm } from '#lib/server/forms.ts';
import { guardPage } from '#lib/server/http/guards.ts';
import { idParam } from '#lib/server/http/params.ts';
import { orHttpError } from '#lib/server/http/service-errors.ts';

export const load = async ({ locals, params }) => {
	guardPage(locals, 'directory.review');
	const found = await orHttpError(locals.locale, () => getRequest(locals.ctx, idParam(params.id)));
	const o = found.organisation;
	return {
		request: found.request,
		requester: found.requester,
		description: found.description,
		organisation: {
			id: o.id,
			slug: o.slug,
			name: o.name,
			kind: o.kind,
			status: o.status,
			districtKey: o.districtKey,
			municipality: o.municipality,
			street: o.street,
			postalCode: o.postalCode,
			phone: o.phone,
			email: o.email,
			website: o.website,
			contactPerson: o.contactPerson,
			legalForm: o.legalForm,
			registerCourt: o.registerCourt,
			registerNumber: o.registerNumber,
			languages: o.languages,
			fields: o.fields,
			communities: o.communities
		}
	};
};

export const actions = {
	default: async ({ locals, params, request, url }) => {
		guardPage(locals, 'directory.review');
		const form = await request.formData();
		const parsed = parseForm(form, decisionSchema);
		if (parsed.failure) return parsed.failure;
		try {
			await decideRequest(
				locals.ctx,
				idParam(params.id),
				{ approve: parsed.data.decision === 'approve', note: parsed.data.note },
				url.origin
			);
		} catch (error) {
			return failWith(error, form);
		}
		kickJobs();
		return { decided: parsed.data.decision };
	}
};
