// The part of es-check's Node API (lib/check-runner) that scripts/check-build.ts uses; it ships no types.
declare module "es-check" {
  export interface EsCheckConfig {
    ecmaVersion: string;
    files: string[];
    module?: boolean;
    checkFeatures?: boolean;
    checkBrowser?: boolean;
    browserslistQuery?: string;
    /** Comma-separated feature names. */
    ignore?: string;
    /** es-check caches file contents by path for the process; off, a rebuilt file is read again. */
    cache?: boolean;
  }
  export function runChecks(
    configs: EsCheckConfig[],
  ): Promise<{ success: boolean; errors: { file: string; err: Error }[] }>;
}
