/**
 * One store for every address a plan can name: local paths go to the local store, `s3://` and `s3a://`
 * addresses to the S3 store when one is configured. Any other `scheme://` address fails with words that
 * say what to do instead, so a pin on such a table reads "cannot reach the table", never "table missing".
 */

import { isRemoteAddress, isS3Address, unsupportedScheme } from './objectUri';
import { ObjectStoreError, type GetOptions, type ListOptions, type ObjectStore } from './objectStore';

export function routedStore(local: ObjectStore, s3: ObjectStore | undefined): ObjectStore {
  const pick = (address: string): ObjectStore => {
    if (!isRemoteAddress(address)) return local;
    if (isS3Address(address)) {
      if (s3 !== undefined) return s3;
      throw new ObjectStoreError('failed', address, `${address}: no object store is configured for s3:// tables (the CLI's --endpoint/--profile, the editor's planLens.objectStore settings)`);
    }
    const scheme = unsupportedScheme(address) ?? address.slice(0, address.indexOf(':'));
    throw new ObjectStoreError('failed', address, `${address}: ${scheme}:// is not supported; point Plan Lens at the store's S3-compatible endpoint and use s3:// addresses`);
  };
  return {
    list: (folder: string, options?: ListOptions) => Promise.resolve().then(() => pick(folder).list(folder, options)),
    get: (key: string, options?: GetOptions) => Promise.resolve().then(() => pick(key).get(key, options)),
    head: (key: string, options?: Pick<GetOptions, 'signal'>) => Promise.resolve().then(() => pick(key).head(key, options)),
  };
}
