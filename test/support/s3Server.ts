/**
 * A real S3-compatible server for the tests and the benchmark, on 127.0.0.1 only: s3rver (an npm package,
 * a Koa app over a folder) behind a small HTTP proxy that counts the requests and response bytes a read
 * costs and can misbehave on demand: answer with an S3 error (403 AccessDenied, 500 InternalError, 503
 * SlowDown) for the next N requests, or never answer. Both start and stop inside the test run.
 *
 * Credentials reach the SDK the way they reach it for a user: through its default chain, here the
 * environment (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, which s3rver accepts as S3RVER/S3RVER). The
 * instance-metadata lookup is switched off while the server runs: a test machine has no instance role,
 * and that lookup would send traffic off this machine.
 */

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import type { S3StoreSettings } from '../../src/node/s3ObjectStore';

export interface RequestRecord {
  readonly method: string;
  /** Path and query as sent (path-style: /bucket/key?...). */
  readonly url: string;
  readonly status: number;
  readonly bytes: number;
}

type Fault = { readonly kind: 'status'; readonly status: number; readonly code: string; remaining: number } | { readonly kind: 'hang' };

export const TEST_BUCKET = 'plan-lens-tests';

const CREDENTIAL_ENV = {
  AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
} as const;

export class S3TestServer {
  readonly requests: RequestRecord[] = [];
  private fault: Fault | undefined;
  private readonly hung = new Set<http.ServerResponse>();
  private savedEnv: Record<string, string | undefined> = {};

  private constructor(
    private readonly s3rver: S3rver,
    private readonly proxy: http.Server,
    /** The folder s3rver keeps its objects in. */
    readonly directory: string,
    private readonly upstreamPort: number,
  ) {}

  static async start(): Promise<S3TestServer> {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'plan-lens-s3-'));
    const s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, resetOnClose: true });
    const upstream = (await s3rver.run()) as AddressInfo;
    const proxy = http.createServer();
    const server = new S3TestServer(s3rver, proxy, directory, upstream.port);
    proxy.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => server.handle(req, res));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    server.savedEnv = Object.fromEntries(Object.keys(CREDENTIAL_ENV).map((k) => [k, process.env[k]]));
    Object.assign(process.env, CREDENTIAL_ENV);
    await server.client().send(new CreateBucketCommand({ Bucket: TEST_BUCKET }));
    server.requests.length = 0;
    return server;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.proxy.address() as AddressInfo).port}`;
  }

  /** Settings for the store under test: path-style addressing, as S3-compatible stores need. */
  settings(extra: Partial<S3StoreSettings> = {}): S3StoreSettings {
    return { endpoint: this.endpoint, region: 'us-east-1', forcePathStyle: true, ...extra };
  }

  /** A client straight to s3rver, for filling it (not counted, never faulty). */
  client(): S3Client {
    return new S3Client({ endpoint: `http://127.0.0.1:${this.upstreamPort}`, region: 'us-east-1', forcePathStyle: true });
  }

  /** Uploads every file under `dir` to `s3://TEST_BUCKET/prefix/...` through the S3 API. */
  async upload(dir: string, prefix: string): Promise<number> {
    const files = listFiles(dir);
    const client = this.client();
    for (let i = 0; i < files.length; i += 8) {
      await Promise.all(
        files.slice(i, i + 8).map((f) => client.send(new PutObjectCommand({ Bucket: TEST_BUCKET, Key: `${prefix}/${path.relative(dir, f).split(path.sep).join('/')}`, Body: readFileSync(f) }))),
      );
    }
    client.destroy();
    return files.length;
  }

  /**
   * Writes an object straight into s3rver's folder layout (`<key>._S3rver_object`; s3rver derives the
   * ETag and metadata on first use): 10,000 commits go in in a second instead of 10,000 PUTs.
   */
  seed(key: string, bytes: Uint8Array | string): void {
    const file = path.join(this.directory, TEST_BUCKET, ...key.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}._S3rver_object`, bytes);
  }

  /** The next `times` requests get this S3 error instead of an answer. */
  failNext(status: number, code: string, times: number): void {
    this.fault = { kind: 'status', status, code, remaining: times };
  }

  /** Every request from now on is accepted and never answered, until `heal`. */
  hang(): void {
    this.fault = { kind: 'hang' };
  }

  heal(): void {
    this.fault = undefined;
    for (const res of this.hung) res.destroy();
    this.hung.clear();
  }

  reset(): void {
    this.heal();
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    this.heal();
    await new Promise<void>((resolve) => this.proxy.close(() => resolve()));
    await this.s3rver.close();
    rmSync(this.directory, { recursive: true, force: true });
    for (const [k, v] of Object.entries(this.savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const fault = this.fault;
    if (fault?.kind === 'hang') {
      this.hung.add(res);
      this.requests.push({ method, url, status: 0, bytes: 0 });
      return;
    }
    if (fault?.kind === 'status' && fault.remaining > 0) {
      fault.remaining--;
      const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${fault.code}</Code><Message>injected by the test server</Message><RequestId>test</RequestId></Error>`;
      this.requests.push({ method, url, status: fault.status, bytes: body.length });
      // Drain the request first: answering a request whose body is still arriving resets the connection.
      req.resume();
      req.on('end', () => res.writeHead(fault.status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) }).end(body));
      return;
    }
    const upstream = http.request({ host: '127.0.0.1', port: this.upstreamPort, method, path: url, headers: req.headers }, (up) => {
      let bytes = 0;
      up.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      up.on('end', () => this.requests.push({ method, url, status: up.statusCode ?? 0, bytes }));
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(full));
    else if (e.isFile()) out.push(full);
  }
  return out.sort();
}
