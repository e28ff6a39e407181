// A Git LFS pointer file (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md) stands in for
// data that was never fetched; importing it would convert nothing and look like success.
export function lfsPointer(text: string): boolean {
  return text.startsWith('version https://git-lfs.github.com/spec/v1');
}
