/** How alike two lines' comparison keys are: Dice similarity of character bigrams, 0..1. */
export class LineSimilarity {
  private readonly grams = new Map<string, Set<string>>();

  private bigrams(s: string): Set<string> {
    let g = this.grams.get(s);
    if (!g) {
      g = new Set<string>();
      for (let i = 0; i + 1 < s.length; i++) g.add(s.slice(i, i + 2));
      this.grams.set(s, g);
    }
    return g;
  }

  of(a: string, b: string): number {
    if (a === b) return 1;
    if (!a || !b) return 0;
    const ga = this.bigrams(a);
    const gb = this.bigrams(b);
    if (ga.size + gb.size === 0) return 0;
    let common = 0;
    for (const g of ga) if (gb.has(g)) common++;
    return (2 * common) / (ga.size + gb.size);
  }
}
