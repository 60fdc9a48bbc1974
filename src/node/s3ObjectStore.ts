/**
 * The core's ObjectStore over S3 and S3-compatible stores (MinIO, R2, GCS's XML interoperability), through
 * the AWS SDK for JavaScript v3. Credentials come only from the SDK's default chain (environment, shared
 * config and credentials files, the named profile, web identity, instance metadata): Plan Lens never
 * takes, stores or prints a secret. Every request has a per-attempt timeout and the SDK's standard retry
 * (a bounded number of attempts, exponential backoff with jitter, throttling and 5xx retried), and the
 * whole call a deadline, so a store that never answers ends as a `timeout` error, never as a hang.
 */

import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client, type ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import { parseS3Address, type S3Address } from '../core/objectStore/objectUri';
import {
  ObjectStoreError,
  objectName,
  type CancelSignal,
  type GetOptions,
  type ListOptions,
  type ObjectBytes,
  type ObjectInfo,
  type ObjectListing,
  type ObjectStore,
  type ObjectStoreErrorKind,
} from '../core/objectStore/objectStore';

export interface S3StoreSettings {
  /** A custom endpoint for an S3-compatible store, e.g. `http://127.0.0.1:9000`. */
  readonly endpoint?: string;
  readonly region?: string;
  /** A profile of the shared config and credentials files. */
  readonly profile?: string;
  /** Path-style addressing (`endpoint/bucket/key`), which most S3-compatible stores need. */
  readonly forcePathStyle?: boolean;
  /** Per attempt, in ms (default 10 s). */
  readonly timeoutMs?: number;
  /** Attempts per request, the first included (default 3). */
  readonly maxAttempts?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_ATTEMPTS = 3;
/** Room for the SDK's backoff between attempts on top of the attempts' own timeouts. */
const BACKOFF_ALLOWANCE_MS = 5_000;

interface SdkError {
  readonly name?: string;
  readonly code?: string;
  readonly Code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

function sdkError(e: unknown): SdkError {
  return typeof e === 'object' && e !== null ? (e as SdkError) : {};
}

/** The SDK's failure in the user's terms. The SDK's own message is left out: it can name an access key id. */
export function classifyS3Error(e: unknown, cancelled: boolean, timedOut: boolean): { kind: ObjectStoreErrorKind; detail: string } {
  const err = sdkError(e);
  const name = err.name ?? '';
  const code = err.code ?? err.Code ?? '';
  const status = err.$metadata?.httpStatusCode;
  if (cancelled) return { kind: 'cancelled', detail: 'cancelled' };
  if (timedOut || name === 'TimeoutError' || name === 'RequestTimeout' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return { kind: 'timeout', detail: 'no answer in time (retries included)' };
  if (name === 'CredentialsProviderError' || /credential/i.test(name)) return { kind: 'no-credentials', detail: 'no credentials found by the AWS SDK (environment, shared config/credentials files, profile, web identity)' };
  if (name === 'AccessDenied' || name === 'InvalidAccessKeyId' || name === 'SignatureDoesNotMatch' || name === 'ExpiredToken' || status === 403) return { kind: 'access-denied', detail: `access denied (HTTP 403${name !== '' && name !== 'AccessDenied' ? `, ${name}` : ''})` };
  if (name === 'NoSuchBucket') return { kind: 'not-found', detail: 'no such bucket' };
  if (name === 'NoSuchKey' || name === 'NotFound' || status === 404) return { kind: 'not-found', detail: 'not found' };
  if (name === 'SlowDown' || name === 'Throttling' || name === 'ThrottlingException' || status === 429 || status === 503) return { kind: 'throttled', detail: `the store kept throttling (HTTP ${status ?? '503'}) through every retry` };
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code)) return { kind: 'unreachable', detail: `cannot connect (${code})` };
  if (/region is missing/i.test(e instanceof Error ? e.message : '')) return { kind: 'failed', detail: 'no region: set planLens.objectStore.region (or --region, AWS_REGION)' };
  return { kind: 'failed', detail: `the store answered ${status === undefined ? name || 'an error' : `HTTP ${status}${name !== '' ? ` ${name}` : ''}`}` };
}

function address(bucket: string, key: string): string {
  return key === '' ? `s3://${bucket}` : `s3://${bucket}/${key}`;
}

export class S3ObjectStore implements ObjectStore {
  private readonly client: S3Client;
  private readonly deadlineMs: number;

  constructor(settings: S3StoreSettings = {}) {
    // The SDK warns on every Node 20 process that future releases will need Node 22; the user of a
    // diagnostics tool cannot act on it, and the warning would land in every CLI run's stderr.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const timeout = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const attempts = settings.maxAttempts ?? DEFAULT_ATTEMPTS;
    this.deadlineMs = timeout * attempts + BACKOFF_ALLOWANCE_MS;
    this.client = new S3Client({
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(settings.region ? { region: settings.region } : {}),
      ...(settings.profile ? { profile: settings.profile } : {}),
      forcePathStyle: settings.forcePathStyle ?? false,
      maxAttempts: attempts,
      retryMode: 'standard',
      requestHandler: { connectionTimeout: timeout, requestTimeout: timeout, throwOnRequestTimeout: true },
    });
  }

  /** Runs one SDK call under the caller's signal and the call's deadline, with failures classified. */
  private async call<T>(key: string, signal: CancelSignal | undefined, run: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    if (signal?.aborted) throw new ObjectStoreError('cancelled', key, `${key}: cancelled`);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.deadlineMs);
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await run(controller.signal);
    } catch (e) {
      const { kind, detail } = classifyS3Error(e, signal?.aborted === true, timedOut);
      throw new ObjectStoreError(kind, key, `${key}: ${detail}`);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private parse(addressText: string): S3Address {
    const a = parseS3Address(addressText);
    if (a === undefined) throw new ObjectStoreError('failed', addressText, `${addressText}: not an s3:// address with a bucket`);
    return a;
  }

  async list(folder: string, options: ListOptions = {}): Promise<ObjectListing> {
    const { bucket, key } = this.parse(folder);
    const prefix = key === '' ? '' : `${key}/`;
    const objects: ObjectInfo[] = [];
    const folders = new Set<string>();
    let token: string | undefined;
    do {
      const left = options.limit === undefined ? undefined : options.limit - objects.length;
      const page: ListObjectsV2CommandOutput = await this.call(folder, options.signal, (abortSignal) =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix,
            Delimiter: '/',
            ...(options.startAfter !== undefined && token === undefined ? { StartAfter: prefix + options.startAfter } : {}),
            ...(token !== undefined ? { ContinuationToken: token } : {}),
            ...(left !== undefined ? { MaxKeys: Math.min(left, 1000) } : {}),
          }),
          { abortSignal },
        ),
      );
      for (const o of page.Contents ?? []) {
        if (o.Key === undefined) continue;
        objects.push({ key: address(bucket, o.Key), name: o.Key.slice(prefix.length), size: o.Size ?? 0, etag: o.ETag, lastModified: o.LastModified?.getTime() });
      }
      for (const p of page.CommonPrefixes ?? []) if (p.Prefix !== undefined) folders.add(p.Prefix.slice(prefix.length).replace(/\/$/, ''));
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined && (options.limit === undefined || objects.length < options.limit));
    return { objects, folders: [...folders] };
  }

  async get(target: string, options: GetOptions = {}): Promise<ObjectBytes> {
    const { bucket, key } = this.parse(target);
    const r = options.range;
    if (r !== undefined && r.length <= 0) return { bytes: new Uint8Array(0), etag: options.etag };
    return this.call(target, options.signal, async (abortSignal) => {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, ...(r !== undefined ? { Range: `bytes=${r.offset}-${r.offset + r.length - 1}` } : {}) }),
        { abortSignal },
      );
      const bytes = out.Body === undefined ? new Uint8Array(0) : await out.Body.transformToByteArray();
      return { bytes, etag: out.ETag };
    });
  }

  async head(target: string, options: { readonly signal?: CancelSignal } = {}): Promise<ObjectInfo | undefined> {
    const { bucket, key } = this.parse(target);
    try {
      const out = await this.call(target, options.signal, (abortSignal) => this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal }));
      return { key: target, name: objectName(target), size: out.ContentLength ?? 0, etag: out.ETag, lastModified: out.LastModified?.getTime() };
    } catch (e) {
      if (e instanceof ObjectStoreError && e.kind === 'not-found') return undefined;
      throw e;
    }
  }

  destroy(): void {
    this.client.destroy();
  }
}
