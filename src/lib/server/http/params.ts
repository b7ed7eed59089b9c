import { error } from '@sveltejs/kit';

/** A numeric route parameter; anything else is a 404, never a database error. */
export function idParam(value: string): number {
	const id = Number(value);
	if (!/^\d{1,9}$/.test(value) || !Number.isSafeInteger(id)) error(404);
	return id;
}
