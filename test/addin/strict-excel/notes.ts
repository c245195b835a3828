/**
 * Notes (ExcelApi 1.18, https://learn.microsoft.com/javascript/api/excel/excel.notecollection) and
 * threaded comments (ExcelApi 1.10, https://learn.microsoft.com/javascript/api/excel/excel.commentcollection)
 * of one sheet, ordered by cell. A cell holds a note or a threaded comment, never both
 * (https://support.microsoft.com/office/the-difference-between-threaded-comments-and-notes-75a51eec-4092-42ab-abf8-7669077b7be3),
 * so adding either where one exists fails, as adding a comment where a comment exists does.
 * `add` takes one cell ("InvalidArgument error is thrown if multiple cells are selected").
 */
import { OfficeError } from "./api";
import { Client, ClientResult, type FakeContext } from "./client";
import { WIDTH, area, keyOf, type ModelSheet } from "./model";
import { Range, parseAddress, writable, type RangeT } from "./ranges";

interface ItemT {
  sheet: ModelSheet;
  key: number;
}

type Kind = "notes" | "comments";

function sortedKeys(sheet: ModelSheet, kind: Kind): number[] {
  return [...sheet[kind].keys()].sort((a, b) => a - b);
}

function oneCell(sheet: ModelSheet, cell: string | Client, ctx: FakeContext): number {
  const a =
    cell instanceof Client ? (cell.target(ctx) as RangeT).area : area(String(cell).replace(/^.*!/, ""));
  if (a.r0 !== a.r1 || a.c0 !== a.c1)
    throw new OfficeError("InvalidArgument", "a note or comment goes on one cell");
  return a.r0 * WIDTH + a.c0;
}

export class ItemCollection extends Client {
  constructor(
    ctx: FakeContext,
    parent: Client,
    private readonly kind: Kind,
  ) {
    super(ctx, kind === "notes" ? "NoteCollection" : "CommentCollection", parent, kind, [], (t) => t);
  }
  protected read(): unknown {
    throw new OfficeError("NotModelled", `${this.cls} reads`);
  }
  private item(
    via: string,
    args: readonly unknown[],
    find: (sheet: ModelSheet) => number | undefined,
    orNull = false,
  ): Item {
    return new Item(
      this.ctx,
      this,
      this.kind,
      via,
      args,
      (t) => {
        const sheet = t as ModelSheet;
        const k = find(sheet);
        return k === undefined || !sheet[this.kind].has(k) ? undefined : { sheet, key: k };
      },
      orNull,
    );
  }
  private loadedItems: Item[] | null = null;
  get items(): Item[] {
    if (!this.loadedItems)
      throw new OfficeError("PropertyNotLoaded", `${this.cls}.items is read before load and sync`);
    return this.loadedItems;
  }
  /** "items" loads every scalar of every note — on the web that includes Note.height (OfficeDev/office-js#6198). */
  override load(names?: string | string[]): this {
    this.loadItems(
      names,
      (t) => sortedKeys(t as ModelSheet, this.kind).map((_, i) => this.getItemAt(i)),
      (items) => (this.loadedItems = items as Item[]),
    );
    return this;
  }

  add(cell: string | Client, content: string): void {
    this.call("add", [cell, content], (t) => {
      const sheet = t as ModelSheet;
      writable(sheet);
      const k = oneCell(sheet, cell, this.ctx);
      if (sheet.notes.has(k) || sheet.comments.has(k))
        throw new OfficeError(
          "InvalidOperation",
          `the cell already has a ${sheet.notes.has(k) ? "note" : "threaded comment"}`,
        );
      if (this.kind === "notes") sheet.notes.set(k, { content, author: "台账通" });
      else sheet.comments.set(k, { id: `{comment-${k}-${sheet.comments.size}}`, content });
    });
  }
  getCount(): ClientResult<number> {
    const result = new ClientResult<number>();
    this.call(
      "getCount",
      [],
      (t) => (t as ModelSheet)[this.kind].size,
      (n) => result.set(n),
    );
    return result;
  }
  getItemAt(index: number): Item {
    return this.item("getItemAt", [index], (sheet) => sortedKeys(sheet, this.kind)[index]);
  }
  /** Notes: by cell address. Comments: by id. */
  getItem(key: string): Item {
    return this.item("getItem", [key], (sheet) => this.find(sheet, key));
  }
  getItemOrNullObject(key: string): Item {
    return this.item("getItemOrNullObject", [key], (sheet) => this.find(sheet, key), true);
  }
  getItemByCell(cell: string): Item {
    return this.item("getItemByCell", [cell], () => keyOf(cell.replace(/^.*!/, "")));
  }
  private find(sheet: ModelSheet, key: string): number | undefined {
    if (this.kind === "notes") return keyOf(key.replace(/^.*!/, ""));
    return [...sheet.comments].find(([, c]) => c.id === key)?.[0];
  }
}

export class Item extends Client {
  constructor(
    ctx: FakeContext,
    parent: Client,
    private readonly kind: Kind,
    via: string,
    args: readonly unknown[],
    step: (p: unknown) => ItemT | undefined,
    orNull: boolean,
  ) {
    super(ctx, kind === "notes" ? "Note" : "Comment", parent, via, args, step, orNull);
    if (orNull) this.touch();
  }
  protected read(t: unknown, name: string): unknown {
    const { sheet, key } = t as ItemT;
    const note = sheet.notes.get(key);
    const comment = sheet.comments.get(key);
    switch (name) {
      case "content":
        return (this.kind === "notes" ? note?.content : comment?.content) ?? "";
      case "authorName":
        return note?.author ?? "王会计";
      case "id":
        return comment?.id;
      case "height":
      case "width":
        return 100;
      case "visible":
        return false;
      default:
        return null;
    }
  }
  get content(): string {
    return this.get("content");
  }
  set content(v: string) {
    this.set("content", v, (t) => {
      const { sheet, key } = t as ItemT;
      writable(sheet);
      const item = this.kind === "notes" ? sheet.notes.get(key) : sheet.comments.get(key);
      if (item) item.content = v;
    });
  }
  get id(): string {
    return this.get("id");
  }
  delete(): void {
    this.call("delete", [], (t) => {
      const { sheet, key } = t as ItemT;
      writable(sheet);
      sheet[this.kind].delete(key);
    });
  }
  getLocation(): Range {
    return new Range(this.ctx, this, "getLocation", [], (t) => {
      const { sheet, key } = t as ItemT;
      const r = Math.floor(key / WIDTH);
      const c = key % WIDTH;
      return { ...parseAddress(sheet, undefined), area: { r0: r, c0: c, r1: r, c1: c }, unbounded: false };
    });
  }
}
