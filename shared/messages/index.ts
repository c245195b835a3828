/** The one message catalogue: the pane's, the CLI's and the workbooks' strings, zh-CN and en. */
export * as pane from "./pane";
export * as cli from "./cli";
export * as codes from "./codes";
export * as workbook from "./workbook";
export { formatMessage, LOCALES, type Locale } from "./pane";
export * as reminders from "./reminders";
export * as robots from "./robots";
export * as versions from "./versions";
