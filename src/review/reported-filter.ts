// Which findings a review body (rather than an inline comment) already reported, remembered in a
// hidden line so a re-run does not report them again. Review bodies cannot be listed back the way
// review comments can, so the fingerprints must travel in text — and with thousands of failing tests
// a plain list alone outgrows GitHub's 65,536-character limit. This is a Bloom filter: about 3 bytes
// per finding and never more than MAX_STATE_CHARS, whatever the number of findings.
//
// It may answer "reported" for a finding that was not (never the other way round). Measured over
// 200,000 other fingerprints: about 1 in 100,000 up to 4,000 findings, then past the size cap 1 in
// 50,000 at 4,500, 1 in 100 at 10,000, 1 in 10 at 20,000. Such a finding is left out of a new review
// (never posted twice); the summary still counts it.
import { createHash } from 'node:crypto';
import { MAX_STATE_CHARS } from './limits.js';

const BITS_PER_FINDING = 24;
const MIN_BYTES = 8;
// Base64 takes 4 characters per 3 bytes; room is kept for the field names around it.
const MAX_BYTES = Math.floor((MAX_STATE_CHARS - 100) / 4) * 3;
const MAX_HASHES = 16;
const FORMAT = /^k=(\d{1,2}) ([A-Za-z0-9+/]+={0,2})$/;

export class ReportedFilter {
  private constructor(
    private readonly bits: Uint8Array,
    private readonly hashes: number,
  ) {}

  /** A filter holding `fingerprints`, sized for them up to the cap. */
  static of(fingerprints: Iterable<string>): ReportedFilter {
    const unique = [...new Set(fingerprints)];
    const bytes = Math.min(MAX_BYTES, Math.max(MIN_BYTES, Math.ceil((unique.length * BITS_PER_FINDING) / 8)));
    // The number of hashes that makes false answers rarest for this many bits per finding.
    const hashes = Math.min(MAX_HASHES, Math.max(1, Math.round(((bytes * 8) / Math.max(1, unique.length)) * Math.LN2)));
    const filter = new ReportedFilter(new Uint8Array(bytes), hashes);
    for (const fingerprint of unique) filter.add(fingerprint);
    return filter;
  }

  /** Reads what `serialise` wrote; undefined for anything else (a damaged or hand-edited line is simply not remembered). */
  static parse(text: string): ReportedFilter | undefined {
    const match = FORMAT.exec(text.trim());
    if (!match) return undefined;
    const hashes = Number(match[1]);
    const bits = Buffer.from(match[2]!, 'base64');
    if (hashes < 1 || hashes > MAX_HASHES || bits.length < MIN_BYTES || bits.length > MAX_BYTES) return undefined;
    return new ReportedFilter(new Uint8Array(bits), hashes);
  }

  /** `k=<hashes> <base64 bits>`: only characters that are safe inside an HTML comment. */
  serialise(): string {
    return `k=${this.hashes} ${Buffer.from(this.bits).toString('base64')}`;
  }

  has(fingerprint: string): boolean {
    return this.positions(fingerprint).every((bit) => (this.bits[bit >> 3]! & (1 << (bit & 7))) !== 0);
  }

  private add(fingerprint: string): void {
    for (const bit of this.positions(fingerprint)) this.bits[bit >> 3]! |= 1 << (bit & 7);
  }

  // SHA-512 gives sixteen independent 32-bit words: one per hash (MAX_HASHES is 16).
  private positions(fingerprint: string): number[] {
    const digest = createHash('sha512').update(fingerprint).digest();
    const size = this.bits.length * 8;
    return Array.from({ length: this.hashes }, (_, index) => digest.readUInt32BE(index * 4) % size);
  }
}
