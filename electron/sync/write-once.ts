// The one shape of every write that must land in AIQ once (an award, a redemption): a row that may already be in AIQ
// is looked for there before anything is sent again; the row is committed as sending BEFORE its PUT, so a stop
// between the two leaves a row that is looked for first; then the PUT. Each kind supplies only what differs: how it
// looks (its request and its match), how it commits, its PUT, and its words for each ending. The exactly-once
// decisions stay pure functions beside each kind (sync/reconcile.ts, services/redemption-rules.ts).

export type Seen<Out> =
  /** the write is in AIQ: it is done, nothing is sent */
  | { found: true }
  /** it is not in AIQ (and cannot arrive any more): send it */
  | { found: false }
  /** nothing is sent now (the look failed, or a person must check first): this is the answer */
  | { stop: Out }

export interface WriteOnceSteps<Row, Out, Answer> {
  /** the row may already be in AIQ (a lost answer, a stop mid-send): look before anything is sent again */
  mayBeInAiq: boolean
  look(row: Row): Promise<Seen<Out>>
  found(row: Row): Out | Promise<Out>
  /** a reason not to send after all, now that it is known not to be in AIQ (AIQ out of reach, another press sending) */
  hold?(row: Row): Out | null | Promise<Out | null>
  /** marks the row sending and commits it; may refuse (throw) when the row changed meanwhile */
  commit(row: Row): Row | Promise<Row>
  put(row: Row): Promise<Answer>
  sent(row: Row, answer: Answer): Out | Promise<Out>
  /** the PUT failed: the kind reads the error through aiq/write-outcome (did it reach AIQ?) and says what happens next */
  failed(row: Row, error: unknown): Out | Promise<Out>
}

export async function writeOnce<Row, Out, Answer>(row: Row, steps: WriteOnceSteps<Row, Out, Answer>): Promise<Out> {
  if (steps.mayBeInAiq) {
    const seen = await steps.look(row)
    if ('stop' in seen) return seen.stop
    if (seen.found) return steps.found(row)
  }
  const held = (await steps.hold?.(row)) ?? null
  if (held !== null) return held
  const sending = await steps.commit(row)
  let answer: Answer
  try {
    answer = await steps.put(sending)
  } catch (e) {
    return steps.failed(sending, e)
  }
  return steps.sent(sending, answer)
}
