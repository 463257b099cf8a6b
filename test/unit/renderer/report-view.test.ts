import { describe, expect, it } from 'vitest'
import { dayOf, rangeLabel, reportCsv, reportWindow } from '../../../renderer/src/state/report-view'
import type { ShiftReport } from '../../../renderer/src/state/types'

const now = new Date(2026, 11, 6, 15, 30).getTime()

describe('reportWindow', () => {
  it('covers whole days, never past now', () => {
    expect(reportWindow('2026-12-06', '2026-12-06', now)).toEqual({ ok: true, from: new Date(2026, 11, 6).getTime(), to: now })
    expect(reportWindow('2026-12-01', '2026-12-03', now)).toEqual({ ok: true, from: new Date(2026, 11, 1).getTime(), to: new Date(2026, 11, 4).getTime() })
  })
  it('says what is wrong with a range', () => {
    expect(reportWindow('2026-12-05', '2026-12-01', now)).toMatchObject({ ok: false, error: expect.stringContaining('before') })
    expect(reportWindow('', '2026-12-01', now)).toMatchObject({ ok: false })
    expect(reportWindow('2026-12-09', '2026-12-09', now)).toMatchObject({ ok: false, error: expect.stringContaining('future') })
  })
  it('names the range', () => {
    expect(rangeLabel(dayOf(now), dayOf(now), now)).toBe('today')
    expect(rangeLabel('2026-12-01', dayOf(now), now)).toMatch(/– today$/)
  })
})

describe('reportCsv', () => {
  it('lists awards, AIQ rows and ID check counts, quoting commas and neutralising formulas', () => {
    const r = {
      from: now - 1000, to: now,
      aiq: { available: true, error: null, adjustments: [{ contactID: 'c1', customerName: 'Maya Lopez', value: 40, note: 'Purchase, big', at: now - 500, outboxId: null, counter: null }] },
      local: [],
      idChecks: [
        { at: now, budtender: 'Alex', outcome: 'passed', overrideReason: null, approvedBy: null },
        { at: now, budtender: 'Alex', outcome: 'refused', overrideReason: null, approvedBy: null },
        { at: now, budtender: 'Alex', outcome: 'refused', overrideReason: null, approvedBy: null },
      ],
    } as unknown as ShiftReport
    const csv = reportCsv(r).split('\r\n')
    expect(csv[0]).toBe('section,time,customer,points,reason or note,by or source,status')
    expect(csv[1]).toContain('Maya Lopez,40,"Purchase, big",elsewhere')
    expect(csv).toContain(`ID checks,${new Date(now - 1000).toISOString()},,2,refused,,`)
    const evil = reportCsv({ ...r, aiq: { ...r.aiq, adjustments: [{ ...r.aiq.adjustments[0]!, note: '=HYPERLINK("x")' }] } })
    expect(evil).toContain(`"'=HYPERLINK(""x"")"`)
  })
})
