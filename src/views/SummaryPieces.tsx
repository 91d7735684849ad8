/**
 * A run summary's pieces (core's runSummaryParts) as text that wraps only where it reads well:
 * between the words of a name, but never inside "lr 0.09", and a separator stays at the end of
 * the line it closes. The text reads exactly as core's summaryText.
 */
import { Fragment } from "react";
import type { RunSummaryParts } from "../core/runSummary.ts";

const NOWRAP = { whiteSpace: "nowrap" } as const;

/** The summary as the unbreakable tokens a line may end after (joined by single spaces). */
function tokens({ optimizer, params, gradient }: RunSummaryParts): string[] {
  const out: string[] = [];
  const close = (separator: string) => {
    if (out.length > 0) out[out.length - 1] += separator;
  };
  if (optimizer !== null) out.push(...optimizer.split(" "));
  params.forEach((param, index) => {
    close(index === 0 ? " ·" : ",");
    out.push(param);
  });
  if (gradient !== null) {
    close(" ·");
    out.push(...gradient.split(" "));
  }
  return out;
}

export function SummaryPieces({ parts }: { parts: RunSummaryParts }) {
  return (
    <>
      {tokens(parts).map((token, index) => (
        <Fragment key={index}>
          {index > 0 && " "}
          <span style={NOWRAP}>{token}</span>
        </Fragment>
      ))}
    </>
  );
}
