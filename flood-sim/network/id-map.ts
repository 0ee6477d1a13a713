/** Object ids of a SWMM model: looked up case-insensitively, as SWMM does (`J3` and `j3` are one node). */
export class IdMap<T = number> {
  private readonly map = new Map<string, T>();

  get(id: string): T | undefined {
    return this.map.get(id.toUpperCase());
  }
  has(id: string): boolean {
    return this.map.has(id.toUpperCase());
  }
  set(id: string, value: T): void {
    this.map.set(id.toUpperCase(), value);
  }
}
