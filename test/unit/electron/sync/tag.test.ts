import { describe, expect, it } from 'vitest'
import { readTag, readTagInfo, stripTag, tagNote } from '../../../../electron/sync/tag'

const id = '01JDQ8Z6T3W5R7Y9B1C3D5F7G9'

describe('the note tag', () => {
  it('round-trips the outbox id through the note', () => {
    const note = tagNote(id, 'birthday bonus')
    expect(note).toBe(`[aiqc:${id}] birthday bonus`)
    expect(readTag(note)).toBe(id)
    expect(stripTag(note)).toBe('birthday bonus')
    // AIQ may put its own words in front: the tag's place leaves no double space
    expect(stripTag('Manual adjustment by API: [aiqc:01JDQ8Z6T3W5R7Y9B1C3D5F7G9] pair-b')).toBe('Manual adjustment by API: pair-b')
  })

  it('is found when AIQ or a person wrapped the note in other text, and in any letter case', () => {
    expect(readTag(`Manual: [aiqc:${id}] birthday bonus (edited)`)).toBe(id)
    expect(readTag(`[AIQC:${id.toLowerCase()}] x`)).toBe(id)
  })

  it('ignores notes without a tag, or with a malformed one', () => {
    expect(readTag('birthday bonus')).toBeNull()
    expect(readTag(null)).toBeNull()
    expect(readTag(undefined)).toBeNull()
    expect(readTag('[aiqc:01JDQ8Z6T3] short')).toBeNull()
    expect(readTag(`[aiqc:${id.slice(0, 25)}U] U is not Crockford base32`)).toBeNull()
  })

  it('refuses to tag with something that is not a ULID', () => {
    expect(() => tagNote('nope', 'x')).toThrow()
  })
})

describe('the counter and the person in the tag', () => {
  it('carries which counter awarded and who, read back by any counter; older tags still read', () => {
    const note = tagNote(id, 'Purchase', { counter: 'Counter 2', by: 'Sam' })
    expect(note).toBe(`[aiqc:${id};Counter 2;Sam] Purchase`)
    expect(readTagInfo(note)).toEqual({ id, counter: 'Counter 2', by: 'Sam' })
    expect(readTag(note)).toBe(id)
    expect(stripTag(note)).toBe('Purchase')
    expect(readTagInfo(`[aiqc:${id}] x`)).toEqual({ id, counter: null, by: null })
  })

  it('a name can never break the tag: brackets, separators and line breaks are taken out, long names cut', () => {
    const note = tagNote(id, 'x', { counter: 'Front ]; [desk]\n', by: 'A'.repeat(80) })
    expect(readTagInfo(note)).toEqual({ id, counter: 'Front desk', by: 'A'.repeat(40) })
  })
})
