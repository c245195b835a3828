/**
 * The engine's message catalogue (shared/messages/engine.ts): every key renders in both
 * languages with nothing left unfilled, and no engine file writes a message of its own.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { validateWorkbook } from "../../shared/engine";
import { FINDING_CODES, FindingSchema } from "../../shared/findings";
import { FINDING_CODE_NAMES } from "../../shared/messages/codes";
import {
  engineMessages,
  findingText,
  isEngineKey,
  render,
  type EngineKey,
} from "../../shared/messages/engine";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import { SAMPLE_AS_OF, sampleFiles, toWorkbookInput } from "../fixtures";

const ROOT = join(import.meta.dirname, "../..");
const KEYS = Object.keys(engineMessages["zh-CN"]) as EngineKey[];
const PLACEHOLDER = /\{(\w+)\}/g;

function placeholders(key: EngineKey, locale: "zh-CN" | "en"): string[] {
  const { message, hint } = engineMessages[locale][key];
  return [...`${message} ${hint ?? ""}`.matchAll(PLACEHOLDER)].map((m) => m[1]).sort();
}

describe("the engine's message catalogue", () => {
  it("has every key in both languages, with the same placeholders and a hint in both or neither", () => {
    expect(Object.keys(engineMessages.en).sort()).toEqual([...KEYS].sort());
    for (const key of KEYS) {
      expect([key, [...new Set(placeholders(key, "en"))]]).toEqual([
        key,
        [...new Set(placeholders(key, "zh-CN"))],
      ]);
      expect([key, engineMessages.en[key].hint === undefined]).toEqual([
        key,
        engineMessages["zh-CN"][key].hint === undefined,
      ]);
    }
  });

  it("renders every key in both languages with no parameter left unfilled", () => {
    for (const key of KEYS) {
      const params = Object.fromEntries(placeholders(key, "zh-CN").map((p) => [p, `«${p}»`]));
      for (const locale of ["zh-CN", "en"] as const) {
        const text = render({ key, params }, locale);
        expect(text).not.toBeNull();
        const all = `${text?.message} ${text?.hint ?? ""}`;
        expect([key, locale, all.match(PLACEHOLDER)]).toEqual([key, locale, null]);
        for (const p of Object.keys(params))
          expect([key, locale, all.includes(`«${p}»`)]).toEqual([key, locale, true]);
      }
    }
  });

  it("renders nested messages and lists the way each language joins them", () => {
    const text = {
      key: "cell.notAllowed",
      params: {
        column: "问题类别",
        value: "吃水",
        values: ["饮水", "道路"],
        advice: { key: "advice.near", params: { value: "饮水" } },
      },
    };
    expect(render(text, "zh-CN")).toEqual({
      message: "问题类别“吃水”不是规定的选项（饮水、道路）。",
      hint: "是否应为“饮水”？",
    });
    expect(render(text, "en")).toEqual({
      message: "问题类别 “吃水” is not one of the allowed values (饮水, 道路).",
      hint: "Did you mean “饮水”?",
    });
  });

  it("keeps a finding's own text where its key is unknown (a newer server's) or the language is zh-CN", () => {
    const finding = { message: "新的提示。", hint: "请核对。", key: "future.key", params: {} };
    expect(findingText(finding, "en")).toEqual({ message: "新的提示。", hint: "请核对。" });
    expect(isEngineKey("future.key")).toBe(false);
  });

  it("names every finding code in both languages", () => {
    for (const code of FINDING_CODES) {
      expect([
        code,
        FINDING_CODE_NAMES["zh-CN"][code].length > 0,
        FINDING_CODE_NAMES.en[code].length > 0,
      ]).toEqual([code, true, true]);
    }
  });
});

describe("findings in both languages", () => {
  const results = sampleFiles().flatMap((file) =>
    validateWorkbook(toWorkbookInput(file.sheets, { date1904: file.date1904 }), {
      asOf: SAMPLE_AS_OF,
      registry: DEFAULT_REGISTRY,
    }),
  );
  const findings = results.flatMap((r) => r.findings);

  it("carry their key and params, from which the zh-CN message and hint render again exactly", () => {
    expect(findings.length).toBeGreaterThan(50);
    for (const f of findings) {
      expect(FindingSchema.safeParse(f).success).toBe(true);
      const again = render({ key: f.key ?? "", params: f.params }, "zh-CN");
      expect(again).toEqual(
        f.hint === undefined ? { message: f.message } : { message: f.message, hint: f.hint },
      );
    }
  });

  it("render in English with no Chinese sentence left (only the sheet's own words: columns, values, names)", () => {
    for (const f of findings) {
      const { message, hint } = findingText(f, "en");
      expect([f.key, `${message} ${hint ?? ""}`]).not.toEqual([
        f.key,
        expect.stringMatching(/[。，；？！]/u),
      ]);
    }
  });
});

/** Engine files: everything a finding's words could be written in outside the catalogue. */
function engineFiles(): string[] {
  const files = ["shared/engine.ts", "shared/settings.ts", "shared/period.ts"];
  for (const dir of ["shared/kinds", "shared/rules", "shared/read"])
    for (const name of readdirSync(join(ROOT, dir))) if (name.endsWith(".ts")) files.push(`${dir}/${name}`);
  return files;
}

/** Every string and template text of a source (comments and regular expressions left out). */
function literals(file: string, text = readFileSync(join(ROOT, file), "utf8")): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) out.push(node.text);
    node.forEachChild(visit);
  };
  visit(source);
  return out;
}

describe("no engine message outside the catalogue", () => {
  it("finds no sentence in any string of shared/kinds, shared/rules, shared/read or the engine", () => {
    const sentences = engineFiles().flatMap((file) =>
      literals(file)
        .filter((text) => /[。，；？！]/u.test(text))
        .map((text) => `${file}: ${text}`),
    );
    expect(sentences).toEqual([]);
  });

  it("would find one: the check sees a message typed into a kind", () => {
    const found = literals("x.ts", "const m = `${a}没有填写。`; /* 注释。 */ const r = /[，]/u;");
    expect(found.filter((t) => /[。，；？！]/u.test(t))).toEqual(["没有填写。"]);
  });
});
