import { describe, expect, it } from 'vitest'
import { RECENT_MAX, recentKeyIndex, rememberRecent, type RecentCustomer } from '../../../renderer/src/state/recent-view'

const person = (i: number) => ({ contactID: `c${i}`, firstName: `P${i}`, lastName: '' })

describe('rememberRecent', () => {
  it('keeps the last 10, newest first, each person once', () => {
    let list: RecentCustomer[] = []
    for (let i = 0; i < 12; i++) list = rememberRecent(list, person(i), i)
    expect(list).toHaveLength(RECENT_MAX)
    expect(list.map((r) => r.contactID)).toEqual(['c11', 'c10', 'c9', 'c8', 'c7', 'c6', 'c5', 'c4', 'c3', 'c2'])
    list = rememberRecent(list, person(5), 99)
    expect(list.map((r) => r.contactID).slice(0, 2)).toEqual(['c5', 'c11'])
    expect(list).toHaveLength(RECENT_MAX)
  })
})

describe('recentKeyIndex', () => {
  const key = (code: string, altKey = true) => ({ key: '?', code, altKey, ctrlKey: false, metaKey: false })
  it('Alt+1 is the newest, Alt+0 the tenth; plain digits go to the check-in field', () => {
    expect(recentKeyIndex(key('Digit1'))).toBe(0)
    expect(recentKeyIndex(key('Digit0'))).toBe(9)
    expect(recentKeyIndex(key('Digit1', false))).toBeNull()
    expect(recentKeyIndex(key('KeyA'))).toBeNull()
  })
})
