export function findPgBin(): string | null;
export function startPostgres(): Promise<{ url: string; port: number; stop: () => Promise<void> }>;
