// Public content pages ship no client-side JavaScript; interactive pages opt in with `csr = true`.
export const csr = false;
