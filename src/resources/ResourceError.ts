// Why registering, changing or removing an API was refused: the field at fault and a sentence
// saying what it must be. `code` and `field` are stable, for the CLI's flags and the API's members.

export type ResourceField = 'id' | 'scope' | 'ttl' | 'claims';

export class ResourceError extends Error {
  constructor(
    readonly code: 'invalid' | 'taken' | 'not_found' | 'in_use',
    readonly field: ResourceField,
    message: string,
  ) {
    super(message);
    this.name = 'ResourceError';
  }
}
