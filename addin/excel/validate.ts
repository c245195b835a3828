/**
 * 校验本表 / 校验全部: find the sheets (one sync; two for every sheet), read their cells and the
 * notes, comments and formats already there in payload-sized syncs (one for an ordinary sheet),
 * run the engine, then write every mark (one sync for an ordinary sheet). Protected sheets are
 * read and checked but not marked, and the pane says so.
 */
import type { Engine, Progress, ValidateOutcome } from "../host";
import type { WorkbookInput } from "../../shared/workbook";
import { runReads } from "./batches";
import { discover } from "./discover";
import { emptyExisting, existingTasks, type Existing } from "./existing";
import { sheetMarks } from "./marks";
import { sheetReader } from "./reading";
import { excelReach } from "./requirements";
import { callBytes, runOps, type Op } from "./writer";

export async function validateInExcel(
  scope: "sheet" | "all",
  engine: Engine,
  progress?: Progress,
): Promise<ValidateOutcome> {
  const reach = excelReach();
  return Excel.run(async (context) => {
    const plans = await discover(context, scope, reach, true);
    progress?.("reading", 0.1);
    const marking = reach.mode !== "list";
    const existing = new Map<string, Existing>();
    const tasks = plans.flatMap((plan) => {
      const into = emptyExisting();
      existing.set(plan.name, into);
      if (!marking || plan.protected) return [];
      const legacyComments = (plan.record?.comments.length ?? 0) > 0;
      return existingTasks(
        plan,
        {
          notes: reach.mode === "notes",
          comments: reach.comments && (reach.mode === "notes" || legacyComments),
          formats: true,
        },
        into,
      );
    });
    const reader = sheetReader(plans, { merges: marking, formulas: reach.formulas });
    await runReads(context, tasks, reader.source);

    // Office.js exposes no date-system flag; 1904 workbooks are rare (old Mac files) and their
    // dates still read as dates, four years early, which the engine reports.
    const workbook: WorkbookInput = { date1904: false, sheets: reader.inputs() };
    progress?.("checking", 0.4);
    const results = engine(workbook);

    progress?.("marking", 0.7);
    const outcome = {
      results,
      workbook,
      cellsMarked: 0,
      notesWritten: 0,
      notesKept: 0,
      mode: reach.mode,
      protectedSheets: plans.filter((p) => p.protected).map((p) => p.name),
    } satisfies ValidateOutcome;
    if (!marking) return outcome;
    const ops: Op[] = [
      { size: callBytes(2), queue: () => context.application.suspendScreenUpdatingUntilNextSync() },
    ];
    for (const plan of plans) {
      if (plan.protected) continue;
      const marks = sheetMarks(
        plan,
        results.find((r) => r.sheet === plan.name),
        existing.get(plan.name) ?? emptyExisting(),
        reach,
      );
      ops.push(...marks.ops);
      outcome.cellsMarked += marks.cellsMarked;
      outcome.notesWritten += marks.notesWritten;
      outcome.notesKept += marks.notesKept;
    }
    await runOps(context, ops);
    progress?.("marking", 1);
    return outcome;
  });
}
