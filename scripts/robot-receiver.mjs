#!/usr/bin/env node
/**
 * npm run robots:receiver [-- PORT]: a stand-in group chat on loopback for trying 定时催报 locally.
 * Prints every message posted to it and answers as the platform would; it does not check
 * signatures (the tests' receivers do: test/worker/receivers.ts). Add robots with these addresses:
 *   企业微信 http://127.0.0.1:PORT/wecom?key=local   钉钉 http://127.0.0.1:PORT/dingtalk?access_token=local
 *   飞书 http://127.0.0.1:PORT/feishu/local
 */
import { createServer } from "node:http";

const port = Number(process.argv[2] ?? process.env.PORT ?? 8788);
const OK = {
  wecom: { errcode: 0, errmsg: "ok" },
  dingtalk: { errcode: 0, errmsg: "ok" },
  feishu: { code: 0, msg: "success" },
};

const server = createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (d) => (body += d));
  req.on("end", () => {
    const kind = new URL(req.url ?? "/", "http://127.0.0.1").pathname.split("/")[1];
    let message = null;
    try {
      message = JSON.parse(body);
    } catch {
      // answered below as a bad request
    }
    const text = message?.text?.content ?? message?.content?.text;
    res.writeHead(kind in OK && typeof text === "string" ? 200 : 400, { "Content-Type": "application/json" });
    if (!(kind in OK) || typeof text !== "string")
      return res.end(JSON.stringify({ errcode: 40035, errmsg: "bad request" }));
    console.log(`\n── ${new Date().toISOString()} ${kind}\n${text}`);
    res.end(JSON.stringify(OK[kind]));
  });
});
server.listen(port, "127.0.0.1", () =>
  console.log(`robot receiver on http://127.0.0.1:${port} (Ctrl-C to stop)`),
);
