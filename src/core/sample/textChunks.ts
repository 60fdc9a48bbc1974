/**
 * A large text made of many small pieces, joined into one string every few thousand pieces. Holding
 * millions of pieces until one final join (a 100k-task node-link graph, an envelope) made the
 * young-generation collector copy every piece into the old generation; joined early, the pieces die
 * young and only a few large strings survive. O(total length).
 */
export class TextChunks {
  private pieces: string[] = [];
  private readonly chunks: string[] = [];

  push(piece: string): void {
    if (this.pieces.push(piece) >= 8192) {
      this.chunks.push(this.pieces.join(''));
      this.pieces = [];
    }
  }

  text(): string {
    this.chunks.push(this.pieces.join(''));
    this.pieces = [];
    const text = this.chunks.length === 1 ? this.chunks[0] : this.chunks.join('');
    this.chunks.length = 0;
    this.chunks.push(text);
    return text;
  }
}
