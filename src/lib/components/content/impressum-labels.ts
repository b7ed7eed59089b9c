import { m } from '#lib/i18n/messages.ts';
import type { ImpressumField } from '#lib/server/settings/impressum.ts';

const LABELS: Record<ImpressumField, () => string> = {
	address: m.impressum_address,
	email: m.impressum_email,
	phone: m.impressum_phone,
	representatives: m.impressum_representatives,
	register: m.impressum_register,
	editorialResponsible: m.impressum_responsible
};

export const impressumFieldLabel = (field: ImpressumField) => LABELS[field]();
