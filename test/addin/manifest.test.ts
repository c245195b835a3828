import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { OfficeAddinManifest } from "office-addin-manifest";
import { ICON_SIZES } from "../../addin/build/icons";

// `office-addin-manifest validate` calls Microsoft's online service, which is not reachable here
// (npm run manifest:validate runs it where it is): the tool's own reader and a check of the
// manifest schema's content model stand in for it offline.
// vitest runs from the project root (jsdom gives import.meta.url no file scheme).
const root = `${join(process.cwd())}/`;
const xml = readFileSync(`${root}manifest.xml`, "utf8");
const doc = new DOMParser().parseFromString(xml, "application/xml");
const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const all = (name: string) => [...doc.getElementsByTagName(name)];
const one = (name: string) => {
  const found = all(name);
  if (found.length === 0) throw new Error(`${name} missing`);
  return found[0];
};

describe("manifest.xml", () => {
  it("is well-formed XML with an OfficeApp TaskPaneApp root", () => {
    expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
    expect(doc.documentElement.localName).toBe("OfficeApp");
    expect(doc.documentElement.getAttributeNS(XSI, "type")).toBe("TaskPaneApp");
  });

  it("has the top-level elements in schema order", () => {
    const order = [...doc.documentElement.children].map((e) => e.localName);
    expect(order).toEqual([
      "Id",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "AppDomains",
      "Hosts",
      "Requirements",
      "DefaultSettings",
      "Permissions",
      "VersionOverrides",
    ]);
  });

  it("declares a GUID id, a four-part version, the Workbook host and ReadWriteDocument", () => {
    expect(one("Id").textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(one("Version").textContent).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(
      all("Host")
        .filter((h) => h.getAttribute("Name"))
        .map((h) => h.getAttribute("Name")),
    ).toEqual(["Workbook"]);
    expect(
      all("Host")
        .filter((h) => h.getAttributeNS(XSI, "type"))
        .map((h) => h.getAttributeNS(XSI, "type")),
    ).toEqual(["Workbook"]);
    expect(one("Permissions").textContent).toBe("ReadWriteDocument");
  });

  it("has a zh-CN display name with an en-US override", () => {
    expect(one("DefaultLocale").textContent).toBe("zh-CN");
    const name = one("DisplayName");
    expect(name.getAttribute("DefaultValue")).toBe("台账通");
    expect(
      [...name.getElementsByTagName("Override")].map((o) => [
        o.getAttribute("Locale"),
        o.getAttribute("Value"),
      ]),
    ).toEqual([["en-US", "Ledgerline"]]);
  });

  it("points every URL at the one HTTPS origin listed in AppDomains, and the pane at taskpane.html", () => {
    const origin = one("AppDomain").textContent ?? "";
    expect(origin).toBe("https://localhost:8787");
    const urls = [...xml.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(new URL(url).origin, url).toBe(origin);
    expect(one("SourceLocation").getAttribute("DefaultValue")).toBe(`${origin}/taskpane.html`);
    expect(existsSync(`${root}addin/taskpane.html`)).toBe(true);
  });

  it("defines every resid it uses exactly once, uses every resource, and keeps ids within 32 characters", () => {
    const used = new Set(
      all("*")
        .map((e) => e.getAttribute("resid"))
        .filter((r): r is string => r !== null),
    );
    const defined = ["bt:Image", "bt:Url", "bt:String"]
      .flatMap((tag) => all(tag).map((e) => e.getAttribute("id")))
      .filter((id): id is string => id !== null);
    expect(new Set(defined).size).toBe(defined.length);
    expect([...used].sort()).toEqual([...defined].sort());
    for (const id of defined) expect(id.length, id).toBeLessThanOrEqual(32);
  });

  it("keeps short strings within 125 characters and long strings within 250", () => {
    const lengths = (group: string, max: number) => {
      for (const s of [...one(group).getElementsByTagName("bt:String")]) {
        expect(s.getAttribute("DefaultValue")?.length ?? 0).toBeLessThanOrEqual(max);
        for (const o of [...s.getElementsByTagName("bt:Override")])
          expect(o.getAttribute("Value")?.length ?? 0).toBeLessThanOrEqual(max);
      }
    };
    lengths("bt:ShortStrings", 125);
    lengths("bt:LongStrings", 250);
  });

  it("uses icons the build generates, at the sizes their names say", () => {
    const icons = [
      one("IconUrl"),
      one("HighResolutionIconUrl"),
      ...all("bt:Image").filter((e) => e.getAttribute("id")),
    ].map((e) => e.getAttribute("DefaultValue") ?? "");
    for (const url of icons) {
      const m = /\/assets\/icon-(\d+)\.png$/.exec(url);
      expect(m, url).not.toBeNull();
      expect(ICON_SIZES).toContain(Number(m?.[1]));
    }
    for (const img of all("bt:Image").filter((e) => e.getAttribute("resid"))) {
      const size = img.getAttribute("size");
      const target = all("bt:Image").find((e) => e.getAttribute("id") === img.getAttribute("resid"));
      expect(target?.getAttribute("DefaultValue")).toBe(`https://localhost:8787/assets/icon-${size}.png`);
    }
  });

  it("opens the pane from a ribbon button whose source is the pane page", () => {
    const control = all("Control").find((c) => c.getAttribute("id") === "Ledgerline.OpenPane");
    expect(control?.getAttributeNS(XSI, "type")).toBe("Button");
    const action = control?.getElementsByTagName("Action")[0];
    expect(action?.getAttributeNS(XSI, "type")).toBe("ShowTaskpane");
    const resid = action?.getElementsByTagName("SourceLocation")[0]?.getAttribute("resid");
    const url = all("bt:Url")
      .find((u) => u.getAttribute("id") === resid)
      ?.getAttribute("DefaultValue");
    expect(url).toBe("https://localhost:8787/taskpane.html");
  });

  it("is read by Office's own tool (office-addin-manifest) as the add-in it is", async () => {
    const info = await OfficeAddinManifest.readManifestFile(`${root}manifest.xml`);
    expect(info).toMatchObject({
      id: one("Id").textContent,
      officeAppType: "TaskPaneApp",
      hosts: ["Workbook"],
      permissions: "ReadWriteDocument",
      defaultSettings: { sourceLocation: "https://localhost:8787/taskpane.html" },
    });
  });

  it("asks for ExcelApi 1.7, so Office 2019 loads the pane (which offers there what it can: docs/addin.md)", () => {
    const sets = all("Set").map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")]);
    expect(sets).toEqual([["ExcelApi", "1.7"]]);
  });

  it("follows the manifest schema's content model: children allowed, in order, required ones present", () => {
    // From the XML manifest reference (https://learn.microsoft.com/javascript/api/manifest/officeapp,
    // .../versionoverrides-1-0-taskpane, .../hosts, .../desktopformfactor, .../extensionpoint,
    // .../control-button, .../action, .../resources): element → its children in schema order, * = required.
    const MODEL: Record<string, string[]> = {
      Hosts: ["Host*"],
      Requirements: ["Sets*"],
      Sets: ["Set*"],
      DefaultSettings: ["SourceLocation*", "RequestedWidth", "RequestedHeight"],
      VersionOverrides: ["Description", "Requirements", "Hosts*", "Resources*", "EquivalentAddins"],
      DesktopFormFactor: ["GetStarted", "FunctionFile*", "ExtensionPoint*"],
      GetStarted: ["Title*", "Description*", "LearnMoreUrl"],
      ExtensionPoint: ["OfficeTab", "CustomTab", "OfficeMenu"],
      OfficeTab: ["Group*"],
      Group: ["Label*", "Icon*", "Control*"],
      Icon: ["bt:Image*"],
      Control: ["Label*", "Supertip*", "Icon*", "Action*"],
      Supertip: ["Title*", "Description*"],
      Action: ["TaskpaneId", "SourceLocation*", "Title"],
      Resources: ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"],
    };
    const problems: string[] = [];
    for (const el of all("*")) {
      const model = MODEL[el.tagName];
      // The basic manifest's Hosts (Host Name=) and VersionOverrides' Hosts (Host xsi:type=) share a model.
      if (!model || (el.tagName === "Host" && el.getAttribute("Name"))) continue;
      const allowed = model.map((m) => m.replace("*", ""));
      const kids = [...el.children].map((c) => c.tagName);
      let at = 0;
      for (const kid of kids) {
        const i = allowed.indexOf(kid, at);
        if (i < 0) problems.push(`${el.tagName}: <${kid}> not allowed here or out of order`);
        else at = i;
      }
      for (const m of model)
        if (m.endsWith("*") && !kids.includes(m.slice(0, -1)))
          problems.push(`${el.tagName}: <${m.slice(0, -1)}> missing`);
    }
    for (const set of all("Set"))
      if (!/^\d+\.\d+$/.test(set.getAttribute("MinVersion") ?? ""))
        problems.push(`Set: MinVersion ${set.getAttribute("MinVersion")}`);
    for (const img of all("bt:Image").filter((e) => e.getAttribute("resid")))
      if (!["16", "32", "80"].includes(img.getAttribute("size") ?? ""))
        problems.push(`bt:Image size ${img.getAttribute("size")}`);
    expect(problems).toEqual([]);
  });
});
