import { describe, expect, it } from 'vitest'
import { queueNotice } from '../../../renderer/src/state/queue-view'

describe('queueNotice', () => {
  const retrying = { notice: 'Trying Maya Lopez (+40) again now.', retrying: { id: 'a', label: 'Maya Lopez (+40)' } }
  it('keeps "again now" only while the award is on its way', () => {
    expect(queueNotice(retrying, [{ id: 'a', state: 'sending' }])).toBe('Trying Maya Lopez (+40) again now.')
    expect(queueNotice(retrying, [])).toBe('Maya Lopez (+40) reached AIQ.')
    expect(queueNotice(retrying, [{ id: 'a', state: 'failed' }])).toBeNull()
  })
  it('passes other notices through', () => {
    expect(queueNotice({ notice: 'Discarded Maya Lopez (−15).', retrying: null }, [])).toBe('Discarded Maya Lopez (−15).')
  })
})
