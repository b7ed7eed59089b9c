import type { MessageKey } from '#lib/i18n/messages.ts';

/** Errors a service throws; each carries a message-catalog key that the UI translates. */
export class DomainError extends Error {
	readonly status: number;
	readonly messageKey: MessageKey;

	constructor(status: number, messageKey: MessageKey, detail?: string) {
		super(detail ?? messageKey);
		this.status = status;
		this.messageKey = messageKey;
	}
}

export class NotFound extends DomainError {
	constructor(detail?: string) {
		super(404, 'errors_not_found', detail);
	}
}

export class Forbidden extends DomainError {
	constructor(detail?: string) {
		super(403, 'errors_forbidden', detail);
	}
}

export class Conflict extends DomainError {
	constructor(messageKey: MessageKey, detail?: string) {
		super(409, messageKey, detail);
	}
}

export class Invalid extends DomainError {
	/** The form field the error belongs to, where there is one. */
	readonly field: string | undefined;

	constructor(messageKey: MessageKey, detail?: string, field?: string) {
		super(400, messageKey, detail);
		this.field = field;
	}
}

export class TooManyAttempts extends DomainError {
	readonly retryAfter: number;

	constructor(retryAfter: number) {
		super(429, 'auth_too_many_attempts');
		this.retryAfter = retryAfter;
	}
}
