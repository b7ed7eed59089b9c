// Production entry: `npm start` runs this instead of adapter-node's `build/index.js`.
//
// Why: adapter-node 6 assumes https unless told otherwise by a proxy header, so on plain
// http://localhost SvelteKit's CSRF check rejects every form post. Here the protocol comes from the
// real connection — or, only when TRUST_PROXY=1, from the reverse proxy's X-Forwarded-Proto — so
// the check works on http://localhost and stays strict in production. See docs/deployment.md.
import http from 'node:http';
import process from 'node:process';

const PROTO_HEADER = 'x-miteinander-proto';
const trustProxy = process.env.TRUST_PROXY === '1';
process.env.PROTOCOL_HEADER = PROTO_HEADER;
// Library documents are up to 20 MB (checked again by the service); the adapter's default is 512 KB.
process.env.BODY_SIZE_LIMIT ??= '21M';
if (trustProxy) {
	process.env.HOST_HEADER ??= 'x-forwarded-host';
	// The client address for rate limits and the audit log comes from the proxy.
	process.env.ADDRESS_HEADER ??= 'x-forwarded-for';
}

// A computed specifier: the build is generated, and type checking must not follow into it.
const { handler } = await import(new URL('../build/handler.js', import.meta.url).href);

/** @returns {{ lookup: (request: object) => { headers: [string, string][], body: Uint8Array } | undefined } | undefined} */
const fastCache = () => /** @type {any} */ (globalThis)[Symbol.for('miteinander.pageCache')];
const logRequests = process.env.LOG_LEVEL !== 'silent';
/** @param {Record<string, unknown>} fields */
const logLine = (fields) =>
	process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level: 'info', ...fields }) + '\n');

const server = http.createServer((req, res) => {
	const forwarded = trustProxy
		? String(req.headers['x-forwarded-proto'] ?? '')
				.split(',')[0]
				?.trim()
		: '';
	const encrypted = /** @type {import('node:tls').TLSSocket} */ (req.socket).encrypted === true;
	// Whatever a client sends in this header is overwritten: only we decide the protocol.
	req.headers[PROTO_HEADER] =
		forwarded === 'https' || forwarded === 'http' ? forwarded : encrypted ? 'https' : 'http';
	// Anonymous page views the app has already rendered are answered from its cache right here,
	// without the cost of SvelteKit's request handling (see src/lib/server/http/page-cache.ts).
	const cached = fastCache()?.lookup({
		method: req.method ?? 'GET',
		target: req.url ?? '/',
		protocol: req.headers[PROTO_HEADER] === 'https' ? 'https:' : 'http:',
		cookie: req.headers.cookie,
		accept: req.headers.accept,
		acceptLanguage: req.headers['accept-language']
	});
	if (cached) {
		// A phone that already has this exact page gets a 304 and no body (slow, metered connections).
		const etag = cached.headers.find(([name]) => name === 'etag')?.[1];
		if (etag && req.headers['if-none-match'] === etag) {
			res.writeHead(
				304,
				cached.headers.filter(([name]) => name !== 'content-length')
			);
			res.end();
			return;
		}
		res.writeHead(200, cached.headers);
		res.end(cached.body);
		if (logRequests)
			logLine({
				msg: 'request',
				method: 'GET',
				path: (req.url ?? '/').split('?')[0],
				status: 200,
				cache: 'hit'
			});
		return;
	}
	// One-click unsubscribe (RFC 8058) is a cross-site POST by design, sent by mail programs without
	// an Origin of ours; its token is the authorisation. Only this path is let past the CSRF check.
	if (req.method === 'POST' && (req.url ?? '').startsWith('/newsletter/ein-klick?')) {
		req.headers.origin = `${req.headers[PROTO_HEADER]}://${req.headers.host}`;
	}
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT ?? 3000);
server.keepAliveTimeout = 5_000;

server.listen(port, host, () => {
	console.log(
		JSON.stringify({
			time: new Date().toISOString(),
			level: 'info',
			msg: 'listening',
			url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`
		})
	);
});

let stopping = false;
/** @param {string} signal */
function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	console.log(
		JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'shutting down', signal })
	);
	server.close(() => {
		// The app closes its database on this event (see src/lib/server/app.ts).
		/** @type {(event: string, ...args: unknown[]) => boolean} */ (process.emit)(
			'sveltekit:shutdown',
			signal
		);
		setTimeout(() => process.exit(0), 500).unref();
	});
	server.closeIdleConnections();
	// Do not wait forever for slow clients.
	setTimeout(() => {
		server.closeAllConnections();
	}, 3_000).unref();
	setTimeout(() => process.exit(1), 8_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
