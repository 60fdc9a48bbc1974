/** The object-storage options shared by `plan-lens delta` and `plan-lens analyze`. */

import type { S3StoreSettings } from '../node/s3ObjectStore';

export const objectStoreOptions = {
  endpoint: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  'path-style': { type: 'boolean' },
} as const;

export const objectStoreUsage = `  --endpoint URL         an S3-compatible endpoint (MinIO, R2, GCS's XML API, a local server)
  --region R             the bucket's region (else the SDK's: AWS_REGION, the profile's region)
  --profile P            a profile of ~/.aws/config and ~/.aws/credentials; credentials come only
                         from the AWS SDK's default chain, never from an option
  --path-style           path-style addressing (endpoint/bucket/key); on by default with --endpoint`;

export function objectStoreSettings(values: { endpoint?: string; region?: string; profile?: string; 'path-style'?: boolean }): S3StoreSettings {
  return {
    ...(values.endpoint !== undefined ? { endpoint: values.endpoint } : {}),
    ...(values.region !== undefined ? { region: values.region } : {}),
    ...(values.profile !== undefined ? { profile: values.profile } : {}),
    ...(values['path-style'] === true ? { forcePathStyle: true } : {}),
  };
}
