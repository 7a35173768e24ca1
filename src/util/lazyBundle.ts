// One of the extension's bundles (dist/*.js besides extension.js), required the first time something needs it.
// Activation builds these holders and loads nothing: each bundle's cost is paid by the first feature that uses it.

import * as path from 'path';

export class LazyBundle<T> {
  private module: T | undefined;

  constructor(
    /** Folder of the bundles (dist/). */
    private readonly bundleDir: string,
    /** The bundle's file name, e.g. 'follow.js'. */
    private readonly file: string
  ) {}

  /** True once the bundle was required (tests use it to prove what activation did not load). */
  get isLoaded(): boolean {
    return this.module !== undefined;
  }

  get(): T {
    if (!this.module) {
      // A runtime path keeps esbuild from inlining the module into the activation bundle.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      this.module = require(path.join(this.bundleDir, this.file)) as T;
    }
    return this.module;
  }
}

/** A value built from a lazily required bundle the first time it is asked for, and only then. */
export class LazyValue<T> {
  private value: T | undefined;

  constructor(private readonly build: () => T) {}

  get isLoaded(): boolean {
    return this.value !== undefined;
  }

  /** The value if it was built already: callers with nothing to do before that use this. */
  get current(): T | undefined {
    return this.value;
  }

  get(): T {
    this.value ??= this.build();
    return this.value;
  }
}
