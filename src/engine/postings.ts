/**
 * The postings lists of all terms, in a few large shared buffers instead of one growable typed array each.
 *
 * Indexing 100k entries appends ~5M postings to ~40k lists (`npm run bench`). With an array per list, each
 * append read the array's header and then its data, two cache misses for a rarely used term, and every list
 * grew by allocating a new buffer (~50k allocations). Here a list is a region of a shared chunk: an append reads
 * one small record and writes one value, and a region that fills up moves to one twice its size, the old one
 * going to a free list for the next list of that size.
 */

/** Values per chunk (4 MB); a region larger than this gets a chunk of its own. */
const CHUNK_BITS = 20;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const OFFSET_MASK = CHUNK_SIZE - 1;
/** A new list has room for this many values (a power of two, as every region size is). */
const FIRST_CAPACITY = 4;

export class PostingStore {
  private readonly chunks: Int32Array[] = [];
  /** The chunk new regions are cut from, and where the next one starts in it. */
  private current = -1;
  private currentUsed = CHUNK_SIZE;
  /** Per list, three numbers: address (chunk << CHUNK_BITS | offset), length, capacity. */
  private lists = new Int32Array(3 * 1_024);
  private count = 0;
  /** Per power of two: addresses of free regions of that size. */
  private readonly free: number[][] = [];

  /** How many lists exist; lists are numbered 0 to this, exclusive. */
  get size(): number {
    return this.count;
  }

  /** Makes empty lists until there are `count`. */
  ensure(count: number): void {
    while (this.count < count) {
      if (3 * this.count === this.lists.length) {
        const grown = new Int32Array(this.lists.length * 2);
        grown.set(this.lists);
        this.lists = grown;
      }
      const list = 3 * this.count++;
      this.lists[list] = this.allocate(FIRST_CAPACITY);
      this.lists[list + 1] = 0;
      this.lists[list + 2] = FIRST_CAPACITY;
    }
  }

  length(id: number): number {
    return this.lists[3 * id + 1]!;
  }

  /** The values of a list, as a view valid until the list next changes. */
  values(id: number): Int32Array {
    const address = this.lists[3 * id]!;
    const chunk = this.chunks[address >>> CHUNK_BITS]!;
    return new Int32Array(chunk.buffer, 4 * (address & OFFSET_MASK), this.lists[3 * id + 1]!);
  }

  append(id: number, value: number): void {
    const list = 3 * id;
    const length = this.lists[list + 1]!;
    if (length === this.lists[list + 2]) this.move(id, 2 * length);
    const address = this.lists[list]!;
    this.chunks[address >>> CHUNK_BITS]![(address & OFFSET_MASK) + length] = value;
    this.lists[list + 1] = length + 1;
  }

  /** Removes the posting of entry slot `slot`; order inside a list does not matter, so the last fills the hole. */
  removeSlot(id: number, slot: number): void {
    const list = 3 * id;
    const address = this.lists[list]!;
    const chunk = this.chunks[address >>> CHUNK_BITS]!;
    const start = address & OFFSET_MASK;
    const end = start + this.lists[list + 1]!;
    for (let i = start; i < end; i++) {
      if (chunk[i]! >> 2 === slot) {
        chunk[i] = chunk[end - 1]!;
        this.lists[list + 1] = end - start - 1;
        return;
      }
    }
  }

  /** Moves a list to a region of `capacity` values, freeing its old region. */
  private move(id: number, capacity: number): void {
    const list = 3 * id;
    const from = this.lists[list]!;
    const to = this.allocate(capacity);
    const source = this.chunks[from >>> CHUNK_BITS]!;
    const target = this.chunks[to >>> CHUNK_BITS]!;
    const start = from & OFFSET_MASK;
    target.set(source.subarray(start, start + this.lists[list + 1]!), to & OFFSET_MASK);
    (this.free[log2(this.lists[list + 2]!)] ??= []).push(from);
    this.lists[list] = to;
    this.lists[list + 2] = capacity;
  }

  /** The address of a free region of `capacity` values (a power of two). */
  private allocate(capacity: number): number {
    const reused = this.free[log2(capacity)]?.pop();
    if (reused !== undefined) return reused;
    if (capacity > CHUNK_SIZE) {
      this.chunks.push(new Int32Array(capacity));
      return (this.chunks.length - 1) << CHUNK_BITS;
    }
    if (this.currentUsed + capacity > CHUNK_SIZE) {
      this.chunks.push(new Int32Array(CHUNK_SIZE));
      this.current = this.chunks.length - 1;
      this.currentUsed = 0;
    }
    const address = (this.current << CHUNK_BITS) | this.currentUsed;
    this.currentUsed += capacity;
    return address;
  }
}

function log2(powerOfTwo: number): number {
  return 31 - Math.clz32(powerOfTwo);
}
