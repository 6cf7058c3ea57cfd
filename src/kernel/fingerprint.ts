// A running hash of the event trajectory (time, kind, subject of every event,
// in order), like OMNeT++'s fingerprints: two runs that differ in any event
// differ here. Two independent 32-bit lanes give 64 bits, printed as hex.

const TWO_32 = 4294967296;

export class Fingerprint {
  private a = 0x811c9dc5 | 0;
  private b = 0x2545f491 | 0;

  add(time: number, kind: number, subject: number): void {
    const lo = time >>> 0;
    const hi = (time / TWO_32) | 0;
    let a = this.a;
    let b = this.b;
    a = Math.imul(a ^ lo, 0x01000193);
    a = Math.imul(a ^ hi, 0x01000193);
    a = Math.imul(a ^ kind, 0x01000193);
    a = Math.imul(a ^ subject, 0x01000193);
    b = Math.imul(b ^ lo, 0x85ebca6b);
    b = (b << 13) | (b >>> 19);
    b = Math.imul(b ^ ((kind << 24) ^ subject), 0xc2b2ae35);
    b = (b << 17) | (b >>> 15);
    b = Math.imul(b ^ hi, 0x27d4eb2f);
    this.a = a;
    this.b = b;
  }

  hex(): string {
    const fmix = (h: number) => {
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      return (h ^ (h >>> 16)) >>> 0;
    };
    const hi = fmix(this.a ^ Math.imul(this.b, 0x9e3779b1));
    const lo = fmix(this.b ^ this.a);
    return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
  }
}
