/**
 * What building a record key needs from the stub. Records files (keys, refs, record types) name only this,
 * so the API can export them without Fabric.
 */
export interface KeyStub {
  createCompositeKey(objectType: string, attributes: string[]): string;
}

/** Where a versioned record lives and how it is named in events and errors. */
export interface RecordRef {
  key: string;
  family: string;
  id: string;
}
