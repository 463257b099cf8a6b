// The one shape of a write that must land once (sync/write-once): look before a resend, commit before the PUT.
import { describe, expect, it } from 'vitest'
import { writeOnce, type Seen, type WriteOnceSteps } from '../../../../electron/sync/write-once'

type Row = { id: string; state: 'new' | 'sending' }

/** steps that record what happened, in order; `seen` is what the look in AIQ finds, `put` whether the PUT fails */
function recorder(o: { seen?: Seen<string>; putFails?: boolean; held?: string | null; mayBeInAiq?: boolean }) {
  const did: string[] = []
  const steps: WriteOnceSteps<Row, string, number> = {
    mayBeInAiq: o.mayBeInAiq ?? false,
    look: async (r) => (did.push(`look ${r.state}`), o.seen ?? { found: false }),
    found: (r) => (did.push(`found ${r.state}`), 'found'),
    hold: () => (did.push('hold?'), o.held ?? null),
    commit: (r) => (did.push(`commit ${r.state}`), { ...r, state: 'sending' }),
    put: async (r) => {
      did.push(`put ${r.state}`)
      if (o.putFails) throw new Error('reset')
      return 7
    },
    sent: (r, answer) => (did.push(`sent ${r.state} ${answer}`), 'sent'),
    failed: (r, e) => (did.push(`failed ${r.state} ${(e as Error).message}`), 'failed'),
  }
  return { did, steps }
}

const row: Row = { id: 'a', state: 'new' }

describe('a write that must land once', () => {
  it('a new row: committed as sending, then the PUT, then done — no look', async () => {
    const r = recorder({})
    await expect(writeOnce(row, r.steps)).resolves.toBe('sent')
    expect(r.did).toEqual(['hold?', 'commit new', 'put sending', 'sent sending 7'])
  })
  it('a row that may be in AIQ and is there: nothing is committed or sent', async () => {
    const r = recorder({ mayBeInAiq: true, seen: { found: true } })
    await expect(writeOnce(row, r.steps)).resolves.toBe('found')
    expect(r.did).toEqual(['look new', 'found new'])
  })
  it('a row that may be in AIQ and surely is not: looked for first, then committed and sent', async () => {
    const r = recorder({ mayBeInAiq: true, seen: { found: false } })
    await expect(writeOnce(row, r.steps)).resolves.toBe('sent')
    expect(r.did).toEqual(['look new', 'hold?', 'commit new', 'put sending', 'sent sending 7'])
  })
  it('a look that cannot tell stops everything: the answer is the kind’s, nothing is sent', async () => {
    const r = recorder({ mayBeInAiq: true, seen: { stop: 'needs a check' } })
    await expect(writeOnce(row, r.steps)).resolves.toBe('needs a check')
    expect(r.did).toEqual(['look new'])
  })
  it('held (another press is sending it): nothing is committed or sent', async () => {
    const r = recorder({ held: 'the other press' })
    await expect(writeOnce(row, r.steps)).resolves.toBe('the other press')
    expect(r.did).toEqual(['hold?'])
  })
  it('a failed PUT goes to the kind with the committed row (sending) and the error', async () => {
    const r = recorder({ putFails: true })
    await expect(writeOnce(row, r.steps)).resolves.toBe('failed')
    expect(r.did).toEqual(['hold?', 'commit new', 'put sending', 'failed sending reset'])
  })
  it('a commit that refuses (the row changed meanwhile) sends nothing and lets the refusal through', async () => {
    const r = recorder({})
    r.steps.commit = () => {
      throw new Error('the row changed')
    }
    await expect(writeOnce(row, r.steps)).rejects.toThrow('the row changed')
    expect(r.did).toEqual(['hold?'])
  })
})
