/** A growing list of 32-bit integers in a typed array that doubles as it fills: a fraction of a number[]'s memory. */
export class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  push(x: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
  }

  /** The values pushed, in a buffer of their own. */
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
