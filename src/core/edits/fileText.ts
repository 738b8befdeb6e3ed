import type { LineEnding } from './editPlan';

/**
 * A file as lines, each with its own terminator, so that a splice leaves every untouched byte
 * as it was: mixed line endings, a missing final newline and a BOM survive an edit.
 */
export class FileText {
  private constructor(
    readonly bom: boolean,
    readonly lines: string[],
    /** Terminator after each line: '\n', '\r\n', or '' for a last line without one. */
    readonly eols: string[],
  ) {}

  static parse(text: string): FileText {
    const bom = text.startsWith('\uFEFF');
    const body = bom ? text.slice(1) : text;
    const lines: string[] = [];
    const eols: string[] = [];
    let start = 0;
    for (let i = body.indexOf('\n'); i >= 0; i = body.indexOf('\n', start)) {
      const cr = i > start && body[i - 1] === '\r';
      lines.push(body.slice(start, cr ? i - 1 : i));
      eols.push(cr ? '\r\n' : '\n');
      start = i + 1;
    }
    if (start < body.length) {
      lines.push(body.slice(start));
      eols.push('');
    }
    return new FileText(bom, lines, eols);
  }

  get length(): number {
    return this.lines.length;
  }

  toString(): string {
    let out = this.bom ? '\uFEFF' : '';
    for (let i = 0; i < this.lines.length; i++) out += this.lines[i] + this.eols[i];
    return out;
  }

  /** The terminator new lines get: the file's majority, LF when it has none. */
  get newline(): string {
    let crlf = 0;
    let lf = 0;
    for (const e of this.eols) {
      if (e === '\r\n') crlf++;
      else if (e === '\n') lf++;
    }
    return crlf > lf ? '\r\n' : '\n';
  }

  get lineEnding(): LineEnding {
    const kinds = new Set(this.eols.filter((e) => e !== ''));
    if (kinds.size === 0) return 'none';
    if (kinds.size > 1) return 'mixed';
    return kinds.has('\r\n') ? 'crlf' : 'lf';
  }

  get finalNewline(): boolean {
    return this.eols.length > 0 && this.eols[this.eols.length - 1] !== '';
  }

  /**
   * Replaces lines [start, end) with `replacement`; each new line reuses the terminator of the
   * old line it stands for when `keepEol[i]` names one, else the file's newline. The file's
   * final-newline state is kept whatever the splice touched.
   */
  splice(start: number, end: number, replacement: string[], keepEol: Array<number | undefined> = []): void {
    const newline = this.newline;
    const hadFinal = this.eols.length === 0 ? true : this.finalNewline;
    const finalEol = this.eols.length ? this.eols[this.eols.length - 1] || newline : newline;
    const eols = replacement.map((_, i) => {
      const from = keepEol[i];
      return from !== undefined && this.eols[from] ? this.eols[from] : newline;
    });
    this.lines.splice(start, end - start, ...replacement);
    this.eols.splice(start, end - start, ...eols);
    const last = this.eols.length - 1;
    for (let i = 0; i < last; i++) if (this.eols[i] === '') this.eols[i] = newline;
    if (last >= 0) this.eols[last] = hadFinal ? (this.eols[last] || finalEol) : '';
  }

  clone(): FileText {
    return new FileText(this.bom, [...this.lines], [...this.eols]);
  }
}
