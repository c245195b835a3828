/** The one message catalogue: the pane's and the CLI's strings, zh-CN and en. */
export * as pane from "./pane";
export * as cli from "./cli";
export * as codes from "./codes";
export { formatMessage, LOCALES, type Locale } from "./pane";
