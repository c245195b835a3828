#!/usr/bin/env node
// The package bin (`npx ledgerline`): registers tsx so the TypeScript sources run as they are.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
