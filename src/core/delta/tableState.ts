/**
 * Reconciliation of Delta actions into a table state (protocol spec "Action Reconciliation"): the last
 * protocol and metaData win; an add of a (path, deletion vector) replaces an earlier one; a remove
 * cancels it; the newest txn per appId and domainMetadata per domain win. O(1) per action, O(active
 * files) memory. Actions must be applied in commit order.
 */

import { fileKey, type AddFile, type DeltaAction, type DomainMetadata, type Metadata, type Protocol, type Txn } from './actions';

export interface ActiveFile extends AddFile {
  /** The version of the commit (or checkpoint) that added it. */
  readonly addedInVersion: number;
}

export class TableStateBuilder {
  protocol?: Protocol;
  metadata?: Metadata;
  readonly files = new Map<string, ActiveFile>();
  readonly txns = new Map<string, Txn>();
  readonly domains = new Map<string, DomainMetadata>();
  /** Removes seen while replaying (tombstones in a checkpoint included). */
  removes = 0;

  apply(action: DeltaAction, version: number, fromCheckpoint = false): void {
    switch (action.kind) {
      case 'add':
        this.files.set(fileKey(action.add.path, action.add.deletionVector), { ...action.add, addedInVersion: version });
        break;
      case 'remove':
        this.removes++;
        // A checkpoint is already reconciled: its tombstones never cancel its own adds.
        if (!fromCheckpoint) this.files.delete(fileKey(action.remove.path, action.remove.deletionVector));
        break;
      case 'protocol':
        this.protocol = action.protocol;
        break;
      case 'metaData':
        this.metadata = action.metaData;
        break;
      case 'txn':
        this.txns.set(action.txn.appId, action.txn);
        break;
      case 'domainMetadata':
        if (action.domainMetadata.removed) this.domains.delete(action.domainMetadata.domain);
        else this.domains.set(action.domainMetadata.domain, action.domainMetadata);
        break;
      default:
        break;
    }
  }

  /** Active files sorted by path, so that two replays of the same state print the same. */
  activeFiles(): ActiveFile[] {
    return [...this.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}
