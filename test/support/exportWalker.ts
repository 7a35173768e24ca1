// What a hostile extension could do with another extension's exports: walk every property, getter, Map/Set entry
// and array element, call zero-argument methods, await promises, and look for given strings (a client secret, an
// access token) in everything it reaches. Used by the export-walker test extension (test/fixtures/export-walker) and,
// without calling anything, by the memory check of the integration suite. It must find what is planted (see its tests).

export interface WalkOptions {
  /** Strings to look for (substring match). */
  readonly needles: readonly string[];
  /** Call getters and zero-argument methods, and await what they return (an attacker would). */
  readonly invoke: boolean;
  readonly maxDepth?: number;
  readonly maxNodes?: number;
  /** Longest wait for one promise. */
  readonly promiseTimeoutMs?: number;
  /**
   * Getters and methods are called only this close to the root (default 4): deeper down lie VS Code's own objects,
   * whose internals a careless call could break; what those hold is still walked as data.
   */
  readonly invokeDepth?: number;
  /** The walk stops (and reports what it found) after this long: methods that prompt or wait must not stall it. */
  readonly deadlineMs?: number;
}

export interface WalkReport {
  /** Values visited (objects, functions, strings, ...). */
  readonly visited: number;
  /** Where each needle was found, as a path such as `$.credentials.get().clientSecret`. */
  readonly hits: readonly { readonly needle: number; readonly path: string }[];
}

/** Methods that would break the walked object for the rest of the test; an attacker gains nothing from them. */
const SKIPPED_METHODS = new Set(['dispose', 'constructor']);

export async function walk(root: unknown, options: WalkOptions): Promise<WalkReport> {
  const maxDepth = options.maxDepth ?? 12;
  const maxNodes = options.maxNodes ?? 50_000;
  const promiseTimeoutMs = options.promiseTimeoutMs ?? 1_000;
  const deadline = Date.now() + (options.deadlineMs ?? 15_000);
  const invokeDepth = options.invokeDepth ?? 4;
  const seen = new WeakSet<object>();
  const hits: { needle: number; path: string }[] = [];
  let visited = 0;

  const check = (text: string, path: string): void => {
    options.needles.forEach((needle, index) => {
      if (needle !== '' && text.includes(needle)) {
        hits.push({ needle: index, path });
      }
    });
  };

  const settle = async (value: unknown): Promise<unknown> => {
    if (!isThenable(value)) {
      return value;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        Promise.resolve(value).catch((err: unknown) => err),
        new Promise((resolve) => {
          timer = setTimeout(() => resolve(undefined), promiseTimeoutMs);
        })
      ]);
    } finally {
      clearTimeout(timer);
    }
  };

  // Breadth first: what sits near the surface is reached before the node budget runs out in a large graph.
  const queue: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '$', depth: 0 }];
  const enqueue = (value: unknown, path: string, depth: number): void => {
    if (depth <= maxDepth) {
      queue.push({ value, path, depth });
    }
  };
  while (queue.length > 0 && visited < maxNodes && Date.now() < deadline) {
    const { value, path, depth } = queue.shift() as { value: unknown; path: string; depth: number };
    visited++;
    if (typeof value === 'string') {
      check(value, path);
      continue;
    }
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) {
      continue;
    }
    seen.add(value);
    if (isThenable(value)) {
      if (options.invoke && depth < invokeDepth) {
        enqueue(await settle(value), `${path}.then()`, depth + 1);
      }
      continue;
    }
    if (value instanceof Map) {
      for (const [key, entry] of value) {
        enqueue(key, `${path}.key`, depth + 1);
        enqueue(entry, `${path}.get(…)`, depth + 1);
      }
    } else if (value instanceof Set) {
      for (const entry of value) {
        enqueue(entry, `${path}.entry`, depth + 1);
      }
    }
    if (value instanceof Error) {
      check(value.message, `${path}.message`);
    }
    const invoke = options.invoke && depth < invokeDepth;
    for (const key of propertyNames(value)) {
      const descriptor = findDescriptor(value, key);
      if (!descriptor) {
        continue;
      }
      let child: unknown;
      if ('value' in descriptor) {
        child = descriptor.value;
      } else if (descriptor.get && invoke) {
        try {
          child = await settle(descriptor.get.call(value));
        } catch (err) {
          child = err;
        }
      } else {
        continue;
      }
      const childPath = `${path}.${key}`;
      if (typeof child === 'function' && invoke && !SKIPPED_METHODS.has(key) && (child as (...args: unknown[]) => unknown).length === 0 && !isClass(child) && !isNative(child)) {
        let result: unknown;
        try {
          result = await settle((child as () => unknown).call(value));
        } catch (err) {
          result = err;
        }
        enqueue(result, `${childPath}()`, depth + 1);
      }
      enqueue(child, childPath, depth + 1);
    }
  }
  return { visited, hits };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** Built-ins (Map.prototype.clear, iterators' next, ...) hold nothing of the walked object that is not walked anyway. */
function isNative(fn: unknown): boolean {
  return typeof fn === 'function' && /\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(fn));
}

function isClass(fn: unknown): boolean {
  return typeof fn === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(fn));
}

/** Own and inherited property names, down to (not including) Object.prototype / Function.prototype. */
function propertyNames(value: object): string[] {
  const names = new Set<string>();
  for (let proto: object | null = value; proto && proto !== Object.prototype && proto !== Function.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      names.add(key);
    }
  }
  return [...names];
}

function findDescriptor(value: object, key: string): PropertyDescriptor | undefined {
  for (let proto: object | null = value; proto; proto = Object.getPrototypeOf(proto) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, key);
    if (descriptor) {
      return descriptor;
    }
  }
  return undefined;
}
