export * from './accounts.ts';
export * from './audit.ts';
export * from './contact.ts';
export * from './content.ts';
export * from './mail.ts';
export * from './settings.ts';
export * from './directory.ts';
export * from './membership.ts';
