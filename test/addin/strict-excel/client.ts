/**
 * The proxy-and-batch machinery of Office.js, strictly: calls and property sets are queued and
 * run only at `context.sync()`; a property can be read only after it was loaded and synced
 * (https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#load);
 * a load names properties the host must support on this platform and API level; a parameter-less
 * load asks for every scalar property, including those the platform lacks (OfficeDev/office-js#6198);
 * on the web a request or response over 5 MB fails (RequestPayloadSizeLimitExceeded,
 * ResponsePayloadSizeLimitExceeded:
 * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
 * Object paths are resolved when each action runs, as the host resolves them, so an item taken
 * by position refers to whatever holds that position at that moment.
 */
import { API, OfficeError, SCALARS, checkMember, type Profile } from "./api";

/** Excel on the web's limit for one request and one response (the fake counts 5 MB as 5,000,000 bytes). */
export const WEB_PAYLOAD_LIMIT = 5_000_000;
/** What the fake's JSON leaves out of each action's RichApi envelope (ids, type codes, result paths). */
const ACTION_ENVELOPE_BYTES = 100;

export const NULL = Symbol("null object");
type Target = unknown;

interface Action {
  client: Client;
  /** A load or an existence check: through a null object it reads as a null object. */
  read?: boolean;
  json: Record<string, unknown>;
  run: (target: Target) => unknown;
  /** Delivers the action's result after the whole batch succeeded. */
  deliver?: (result: unknown) => void;
}

export interface Batch {
  requestBytes: number;
  responseBytes: number;
}

/** JSON size in bytes; proxies inside arguments travel as references. */
function bytes(value: unknown): number {
  const json = JSON.stringify(value, (_k, v: unknown) =>
    v instanceof Client ? { _ObjectPathId: v.pathId } : v,
  );
  return new TextEncoder().encode(json ?? "null").length;
}

/** A test's way to make Excel fail one action, as a lost connection or a conflicting edit would. */
export type Fault = (action: { type: unknown; name: unknown }) => boolean;

export class FakeContext {
  private actions: Action[] = [];
  private nextId = 1;
  /** True while a batch runs: objects made then (items of a collection load) are already resolved. */
  running = false;
  constructor(
    readonly profile: Profile,
    readonly root: Target,
    readonly onBatch: (batch: Batch) => void,
    readonly fault: Fault = () => false,
    readonly measure = false,
  ) {}

  /** The request as RichApi JSON: the actions and every object path they use. */
  private requestBytes(actions: readonly Action[]): number {
    const paths = new Map<number, Record<string, unknown>>();
    for (const a of actions)
      for (let c: Client | null = a.client; c && !paths.has(c.pathId); c = c.parent)
        paths.set(c.pathId, c.pathJson());
    const request = { Actions: actions.map((a) => a.json), ObjectPaths: Object.fromEntries(paths) };
    return bytes(request) + actions.length * ACTION_ENVELOPE_BYTES;
  }

  id(): number {
    return this.nextId++;
  }

  queue(action: Action): void {
    this.actions.push(action);
  }

  get pending(): number {
    return this.actions.length;
  }

  async sync(): Promise<void> {
    const actions = this.actions;
    this.actions = [];
    // Only the web limits payloads; elsewhere the sizes are measured when a test asks for them.
    const measure = this.profile.platform === "web" || this.measure;
    const requestBytes = measure ? this.requestBytes(actions) : 0;
    if (this.profile.platform === "web" && requestBytes > WEB_PAYLOAD_LIMIT)
      throw new OfficeError("RequestPayloadSizeLimitExceeded", `the request is ${requestBytes} bytes`);
    const results: unknown[] = [];
    this.running = true;
    try {
      for (const action of actions) {
        if (this.fault({ type: action.json.ActionType, name: action.json.Name }))
          throw new OfficeError("GeneralException", `injected failure at ${String(action.json.Name)}`);
        const target = action.client.target(this, action.read);
        results.push(action.run(target));
      }
    } finally {
      this.running = false;
    }
    const responseBytes = measure
      ? bytes({ Results: results.map((Value, i) => ({ ActionId: i, Value })) })
      : 0;
    this.onBatch({ requestBytes, responseBytes });
    if (this.profile.platform === "web" && responseBytes > WEB_PAYLOAD_LIMIT)
      throw new OfficeError("ResponsePayloadSizeLimitExceeded", `the response is ${responseBytes} bytes`);
    actions.forEach((a, i) => {
      a.client.synced = true;
      a.deliver?.(results[i]);
    });
    // Let the caller's microtasks run between batches, as a real round trip does.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** A ClientResult: `value` is readable after the sync that carried it. */
export class ClientResult<T> {
  private loaded = false;
  private result?: T;
  set(value: T): void {
    this.result = value;
    this.loaded = true;
  }
  get value(): T {
    if (!this.loaded)
      throw new OfficeError("ValueNotLoaded", "a ClientResult's value is read before context.sync()");
    return this.result as T;
  }
}

/**
 * One proxy object. `step` resolves it from its parent's target when an action runs; it returns
 * undefined when the object does not exist (an ItemNotFound, or a null object for *OrNullObject).
 */
export abstract class Client {
  readonly pathId: number;
  synced = false;
  private loaded = new Map<string, unknown>();
  private isNull: boolean | undefined;

  constructor(
    readonly ctx: FakeContext,
    readonly cls: string,
    readonly parent: Client | null,
    /** The member of the parent that gives this object, for the API check and the request. */
    readonly via: string,
    readonly args: readonly unknown[],
    private readonly step: (parent: Target) => Target | undefined,
    readonly orNull = false,
  ) {
    this.pathId = ctx.id();
  }

  pathJson(): Record<string, unknown> {
    return {
      Id: this.pathId,
      Name: this.via,
      ParentId: this.parent?.pathId ?? 0,
      ArgumentInfo: { Arguments: this.args },
    };
  }

  /** The model object now, at action time. */
  target(ctx: FakeContext, read = false): Target {
    const parent = this.parent ? this.parent.target(ctx, read) : ctx.root;
    if (parent === NULL) {
      // Loading through a null object reads as a null object; acting through one fails.
      if (read) return NULL;
      throw new OfficeError("InvalidObjectPath", `${this.cls} is reached through a null object`);
    }
    if (this.parent) checkMember(ctx.profile, this.parent.cls, this.via);
    const t = this.step(parent);
    if (t !== undefined) return t;
    if (this.orNull) return NULL;
    throw new OfficeError(
      "ItemNotFound",
      `${this.parent?.cls}.${this.via}(${JSON.stringify(this.args)}) does not exist`,
    );
  }

  get isNullObject(): boolean {
    if (this.isNull === undefined || !this.synced)
      throw new OfficeError("PropertyNotLoaded", `isNullObject of ${this.cls} is read before context.sync()`);
    return this.isNull;
  }

  /** Reading a property that was not loaded and synced throws, as Office.js does. */
  protected get<T>(name: string): T {
    if (!this.loaded.has(name))
      throw new OfficeError(
        "PropertyNotLoaded",
        `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    return this.loaded.get(name) as T;
  }

  /** Queues a property set; `apply` runs against the target at sync. */
  protected set(name: string, value: unknown, apply: (target: Target) => void): void {
    this.ctx.queue({
      client: this,
      json: {
        ActionType: "SetProperty",
        Name: name,
        ObjectPathId: this.pathId,
        ArgumentInfo: { Arguments: [value] },
      },
      run: (t) => {
        checkMember(this.ctx.profile, this.cls, name);
        this.notNull(t, name);
        apply(t);
      },
    });
  }

  /** Queues a method call; its result (if any) is delivered after the sync. */
  protected call<R>(
    name: string,
    args: readonly unknown[],
    run: (target: Target) => R,
    deliver?: (r: R) => void,
  ): void {
    this.ctx.queue({
      client: this,
      json: {
        ActionType: "Method",
        Name: name,
        ObjectPathId: this.pathId,
        ArgumentInfo: { Arguments: args.map(argJson) },
      },
      run: (t) => {
        checkMember(this.ctx.profile, this.cls, name);
        this.notNull(t, name);
        return run(t);
      },
      deliver: deliver as ((r: unknown) => void) | undefined,
    });
  }

  private notNull(t: Target, what: string): void {
    if (t === NULL) throw new OfficeError("InvalidObjectPath", `${this.cls}.${what} on a null object`);
  }

  private navs = new Map<string, unknown>();
  /** A navigation property's object: made once and the same on every access, as Office.js does. */
  protected nav<C>(name: string, make: () => C): C {
    if (!this.navs.has(name)) this.navs.set(name, make());
    return this.navs.get(name) as C;
  }

  /** The value of a scalar property of the target (class-specific). */
  protected abstract read(target: Target, name: string): unknown;

  load(names?: string | string[] | { select?: string }): this {
    const list = normalise(names);
    const nested = new Map<string, string[]>();
    const own: string[] = [];
    for (const path of list) {
      const [head, ...rest] = path.split("/");
      if (rest.length) nested.set(head, [...(nested.get(head) ?? []), rest.join("/")]);
      else own.push(head);
    }
    for (const [nav, paths] of nested) this.navigation(nav).load(paths);
    if (list.length && own.length === 0) return this;
    this.ctx.queue({
      client: this,
      read: true,
      json: { ActionType: "Query", ObjectPathId: this.pathId, QueryInfo: { Select: own } },
      run: (t) => (t === NULL ? { isNullObject: true } : this.snapshot(t, own)),
      deliver: (r) => this.accept(r as Record<string, unknown>),
    });
    return this;
  }

  /** The named scalars of the target now (all of them for an empty list), checked against the profile. */
  snapshot(t: Target, own: readonly string[]): Record<string, unknown> {
    const names = own.length ? own : this.everyScalar();
    const out: Record<string, unknown> = {};
    for (const n of names) {
      if (!(SCALARS[this.cls] ?? []).includes(n))
        throw new OfficeError("InvalidArgument", `'${n}' is not a scalar property of ${this.cls}`);
      checkMember(this.ctx.profile, this.cls, n);
      out[n] = this.read(t, n);
    }
    return out;
  }

  /** Takes a load's result after a successful sync. */
  accept(result: Record<string, unknown>): void {
    this.synced = true;
    this.isNull = result.isNullObject === true;
    if (!this.isNull) for (const [k, v] of Object.entries(result)) this.loaded.set(k, v);
  }

  /** A parameter-less load asks for every scalar the host's API level knows, supported here or not. */
  private everyScalar(): string[] {
    return (SCALARS[this.cls] ?? []).filter((n) => (API[this.cls]?.[n]?.set ?? 99) <= this.ctx.profile.level);
  }

  /** Marks an *OrNullObject proxy as resolved (its isNullObject becomes readable after the sync). */
  protected touch(): void {
    if (this.ctx.running) return;
    this.ctx.queue({
      client: this,
      read: true,
      json: { ActionType: "Instantiate", ObjectPathId: this.pathId },
      run: (t) => t === NULL,
      deliver: (isNull) => {
        this.isNull = isNull as boolean;
      },
    });
  }

  /** This object reached from its parent's target now (for loads through collections' items). */
  resolveFrom(parentTarget: Target): Target {
    if (parentTarget === NULL) return NULL;
    if (this.parent) checkMember(this.ctx.profile, this.parent.cls, this.via);
    const t = this.step(parentTarget);
    if (t !== undefined) return t;
    if (this.orNull) return NULL;
    throw new OfficeError("ItemNotFound", `${this.parent?.cls}.${this.via} does not exist`);
  }

  /** Reads `paths` ("content", "customOrNullObject/rule/formula") from `t` now; the result is delivered after the sync. */
  readNow(t: Target, paths: readonly string[]): () => void {
    const own = paths.filter((p) => !p.includes("/"));
    const nested = new Map<string, string[]>();
    for (const p of paths.filter((x) => x.includes("/"))) {
      const [head, ...rest] = p.split("/");
      nested.set(head, [...(nested.get(head) ?? []), rest.join("/")]);
    }
    const result = t === NULL ? { isNullObject: true } : this.snapshot(t, own);
    const delivers = [() => this.accept(result)];
    for (const [head, rest] of nested) {
      const child = this.navigation(head);
      delivers.push(child.readNow(child.resolveFrom(t), rest));
    }
    return () => delivers.forEach((d) => d());
  }

  /**
   * A collection's `load("items/…")`: each item's named paths; plain "items" loads every scalar of
   * every item, as a parameter-less load does. `items` lists the items at sync time.
   */
  protected loadItems(
    names: string | string[] | undefined,
    items: (t: Target) => Client[],
    into: (items: Client[]) => void,
  ): void {
    const list = (typeof names === "string" ? names.split(",") : (names ?? []))
      .map((n) => n.trim())
      .filter(Boolean);
    if (list.length === 0 || list.some((p) => p !== "items" && !p.startsWith("items/")))
      throw new OfficeError(
        "InvalidArgument",
        `load “${list.join(", ")}” on ${this.cls}: name the items' properties`,
      );
    const props = list.flatMap((p) => (p === "items" ? [] : [p.slice("items/".length)]));
    let made: Client[] = [];
    this.ctx.queue({
      client: this,
      read: true,
      json: { ActionType: "Query", ObjectPathId: this.pathId, QueryInfo: { Select: list } },
      run: (t) => {
        made = items(t);
        return made.map((item) => item.readNow(item.resolveFrom(t), props));
      },
      deliver: (r) => {
        (r as (() => void)[]).forEach((d) => d());
        into(made);
      },
    });
  }

  /** Navigation properties that may appear in a load path ("protection/protected"). */
  protected navigation(name: string): Client {
    throw new OfficeError(
      "InvalidArgument",
      `'${name}' is not a navigation property of ${this.cls} in the fake`,
    );
  }
}

function normalise(names?: string | string[] | { select?: string }): string[] {
  const raw =
    typeof names === "string"
      ? names.split(",")
      : Array.isArray(names)
        ? names
        : (names?.select ?? "").split(",");
  return raw.map((s) => s.trim()).filter(Boolean);
}

/** Proxies in arguments travel as references, the rest as JSON. */
function argJson(a: unknown): unknown {
  return a instanceof Client ? { _ObjectPathId: a.pathId } : a;
}
