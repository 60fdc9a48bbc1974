/**
 * Table addresses in object storage: `s3://bucket/key` (and `s3a://`, as Spark writes it). Other clouds'
 * schemes are recognised so that a pin naming one says what is not supported rather than "table missing".
 */

export interface S3Address {
  readonly bucket: string;
  /** The key without a leading slash; '' for the bucket's root. */
  readonly key: string;
}

const S3_SCHEMES = /^s3a?:\/\//i;
const OTHER_SCHEMES = /^(gs|abfss?|wasbs?|az|adl|oss|r2|hdfs):\/\//i;

/** True for any `scheme://` address, supported or not: such a path is never a local file. */
export function isRemoteAddress(address: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(address) && !/^file:\/\//i.test(address);
}

export function isS3Address(address: string): boolean {
  return S3_SCHEMES.test(address);
}

/** A scheme Plan Lens recognises but cannot read (yet): its name, else undefined. */
export function unsupportedScheme(address: string): string | undefined {
  const m = OTHER_SCHEMES.exec(address);
  return m === null ? undefined : m[1].toLowerCase();
}

/** The bucket and key of an `s3://` or `s3a://` address; undefined when it is not one or has no bucket. */
export function parseS3Address(address: string): S3Address | undefined {
  if (!isS3Address(address)) return undefined;
  const rest = address.replace(S3_SCHEMES, '');
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  if (bucket === '') return undefined;
  return { bucket, key: slash < 0 ? '' : rest.slice(slash + 1).replace(/\/+$/, '') };
}
