// The fast path gives up the moment it meets anything it cannot vouch for; the precise loader then
// reads the file from scratch, so a reason is for debugging only and never reaches the user.

export class FastPathAbandoned extends Error {
  override readonly name = 'FastPathAbandoned';
}

export function abandon(reason: string): never {
  throw new FastPathAbandoned(reason);
}
