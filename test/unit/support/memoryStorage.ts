// Extension state in memory (what a vscode.Memento does, values copied like its JSON round trip), for the
// seen-state and list-model unit tests.
import type { SeenStorage } from '../../../src/cases/seenState';

export class MemoryStorage implements SeenStorage {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) {
      this.values.delete(key);
    } else {
      this.values.set(key, structuredClone(value));
    }
  }
}
